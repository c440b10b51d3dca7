import Foundation

/// A logic-less template in the Mustache dialect administrators can edit without recompiling:
/// `{{name}}` (HTML-escaped), `{{{name}}}` (as it is: charts, tables), `{{#name}}…{{/name}}` (a
/// list repeated, or shown when true), `{{^name}}…{{/name}}` (shown when empty or false),
/// `{{! comment}}`, dotted names (`{{fact.value}}`). Parsed once; an unclosed or mismatched
/// section is an error naming it and its line.
public struct MustacheTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable(String, escaped: Bool)
        case section(String, inverted: Bool, [Node])
    }

    let nodes: [Node]
    public let name: String

    public init(_ source: String, name: String = "template") throws(TemplateError) {
        self.name = name
        var index = source.startIndex
        var stack: [(name: String, inverted: Bool, nodes: [Node], line: Int)] = [("", false, [], 1)]
        func line(at position: String.Index) -> Int { source[..<position].reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }
        while index < source.endIndex {
            guard let open = source.range(of: "{{", range: index..<source.endIndex) else {
                stack[stack.count - 1].nodes.append(.text(String(source[index...])))
                break
            }
            if open.lowerBound > index { stack[stack.count - 1].nodes.append(.text(String(source[index..<open.lowerBound]))) }
            let triple = source[open.upperBound...].hasPrefix("{")
            let closing = triple ? "}}}" : "}}"
            guard let close = source.range(of: closing, range: open.upperBound..<source.endIndex) else {
                throw TemplateError(template: name, line: line(at: open.lowerBound), reason: "‘{{’ is never closed")
            }
            var tag = String(source[open.upperBound..<close.lowerBound])
            if triple { tag.removeFirst() }
            tag = tag.trimmingCharacters(in: .whitespaces)
            index = close.upperBound
            if triple { stack[stack.count - 1].nodes.append(.variable(tag, escaped: false)); continue }
            switch tag.first {
            case "!": continue
            case "#", "^":
                stack.append((String(tag.dropFirst()).trimmingCharacters(in: .whitespaces), tag.first == "^", [], line(at: open.lowerBound)))
            case "/":
                let closed = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
                guard stack.count > 1, stack[stack.count - 1].name == closed else {
                    throw TemplateError(template: name, line: line(at: open.lowerBound), reason: "‘{{/\(closed)}}’ closes no open section")
                }
                let section = stack.removeLast()
                stack[stack.count - 1].nodes.append(.section(section.name, inverted: section.inverted, section.nodes))
            case "&": stack[stack.count - 1].nodes.append(.variable(String(tag.dropFirst()).trimmingCharacters(in: .whitespaces), escaped: false))
            default: stack[stack.count - 1].nodes.append(.variable(tag, escaped: true))
            }
        }
        guard stack.count == 1 else {
            throw TemplateError(template: name, line: stack[stack.count - 1].line, reason: "section ‘\(stack[stack.count - 1].name)’ is never closed")
        }
        nodes = stack[0].nodes
    }

    /// Every name the template reads (variables and sections): a translation must read the same.
    public var names: Set<String> {
        func collect(_ nodes: [Node], into names: inout Set<String>) {
            for node in nodes {
                switch node {
                case .text: continue
                case let .variable(name, _): names.insert(name)
                case let .section(name, _, children):
                    names.insert(name)
                    collect(children, into: &names)
                }
            }
        }
        var names: Set<String> = []
        collect(nodes, into: &names)
        return names
    }

    /// `asText`: the result is plain text (a report's narrative, escaped later by whatever shows
    /// it: the page, a workbook), so `{{name}}` is not HTML-escaped here.
    public func render(_ context: TemplateValue, asText: Bool = false) -> String {
        var out = ""
        Self.render(nodes, [context], escaping: !asText, into: &out)
        return out
    }

    static func lookup(_ name: String, _ stack: [TemplateValue]) -> TemplateValue? {
        if name == "." { return stack.last }
        let parts = name.split(separator: ".").map(String.init)
        for frame in stack.reversed() {
            guard case let .context(values) = frame, var found = values[parts[0]] else { continue }
            for part in parts.dropFirst() {
                guard case let .context(inner) = found, let next = inner[part] else { return nil }
                found = next
            }
            return found
        }
        return nil
    }

    static func render(_ nodes: [Node], _ stack: [TemplateValue], escaping: Bool, into out: inout String) {
        for node in nodes {
            switch node {
            case let .text(text): out += text
            case let .variable(name, escaped):
                let text = lookup(name, stack)?.text ?? ""
                out += escaped && escaping ? Markup.escape(text) : text
            case let .section(name, inverted, children):
                let value = lookup(name, stack)
                if inverted {
                    if !(value?.isTruthy ?? false) { render(children, stack, escaping: escaping, into: &out) }
                    continue
                }
                guard let value, value.isTruthy else { continue }
                if case let .list(items) = value {
                    for item in items { render(children, stack + [item], escaping: escaping, into: &out) }
                } else {
                    render(children, stack + [value], escaping: escaping, into: &out)
                }
            }
        }
    }
}

/// A template that cannot be used, with where and why.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var template: String
    public var line: Int
    public var reason: String
    public init(template: String, line: Int, reason: String) {
        self.template = template
        self.line = line
        self.reason = reason
    }
    public var description: String { "\(template), line \(line): \(reason)" }
}
