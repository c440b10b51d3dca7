/// HTML that is safe by its type (D62). A `Markup` is made only from text, escaped on the way in
/// (`text`), from elements whose tag and attribute names come from the code (`tag`), or from other
/// markup — there is no initialiser from a raw string. The domain's SVG writers, which escape
/// what they write themselves, come in through `rendered(_:by:)`, which names them, so `grep`
/// finds every door. It lives in the domain so that the domain's HTML (a table's, a report's)
/// is written the same way as the pages'.
public struct Markup: Sendable, Equatable, CustomStringConvertible {
    /// The HTML text.
    public private(set) var html: String

    private init(html: String) { self.html = html }

    public static let empty = Markup(html: "")
    public var isEmpty: Bool { html.isEmpty }
    public var description: String { html }

    /// Text from anywhere (data, translations, input): escaped.
    public static func text(_ text: String) -> Markup { Markup(html: escape(text)) }

    /// The one escaping function for HTML (text and attribute values alike; templates too):
    /// `&`, `<`, `>`, `"` and `'` as entities. Text without any of them is returned as it is.
    public static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = String(text[..<first])
        out.reserveCapacity(utf8.count + 16)
        for c in text.unicodeScalars[first...] {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// `<tag attributes>content</tag>`, or `<tag attributes>` for a void element.
    public static func element(_ tag: Tag, _ attributes: [Attribute], _ content: [Markup]) -> Markup {
        var html = "<" + tag.rawValue
        for attribute in attributes { attribute.append(to: &html) }
        html += ">"
        guard !tag.isVoid else { return Markup(html: html) }
        for part in content { html += part.html }
        return Markup(html: html + "</" + tag.rawValue + ">")
    }

    /// The writers in the domain that escape what they write and return HTML or SVG.
    public enum Writer: Sendable {
        /// `BarChart`, `LineChart`, `ChoroplethMap` and the other `SVG` drawings.
        case chart
    }

    /// Markup a domain writer rendered (its own escaping applies).
    public static func rendered(_ html: String, by writer: Writer) -> Markup { Markup(html: html) }

    /// A whole page: the doctype, then `<html lang>` with head and body.
    public static func document(language: String, head: Markup, body: Markup) -> Markup {
        Markup(html: "<!DOCTYPE html>\n") + .tag(.html, [.init("lang", language)], .newline, head, .newline, body, .newline)
    }

    public static let newline = Markup(html: "\n")
    public static let space = Markup(html: " ")

    public static func + (left: Markup, right: Markup) -> Markup { Markup(html: left.html + right.html) }
    /// Appends in place (a page is built by many appends; `left = left + right` would copy it each time).
    public static func += (left: inout Markup, right: Markup) { left.html += right.html }
}

extension Sequence where Element == Markup {
    public func joined(separator: Markup = .empty) -> Markup {
        var result = Markup.empty
        for (index, part) in enumerated() {
            if index > 0 { result += separator }
            result += part
        }
        return result
    }
}
