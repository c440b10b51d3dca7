import IMDMSCore

/// HTML that is safe by its type (D62). A `Markup` is made only from text, escaped on the way in
/// (`text`), from elements whose tag and attribute names come from the code (`tag`), or from other
/// markup — there is no initialiser from a raw string. The domain's writers that escape what
/// they write themselves (SVG charts, the table's HTML, a report's figures) come in through
/// `rendered(_:by:)`, which names them, so `grep` finds every door.
struct Markup: Sendable, Equatable, CustomStringConvertible {
    /// The HTML text.
    private(set) var html: String

    private init(html: String) { self.html = html }

    static let empty = Markup(html: "")
    var isEmpty: Bool { html.isEmpty }
    var description: String { html }

    /// Text from anywhere (data, translations, input): escaped.
    static func text(_ text: String) -> Markup { Markup(html: escape(text)) }

    /// The one escaping function for HTML (text and attribute values alike).
    static func escape(_ text: String) -> String { MustacheTemplate.escapeHTML(text) }

    /// `<tag attributes>content</tag>`, or `<tag attributes>` for a void element.
    static func element(_ tag: Tag, _ attributes: [Attribute], _ content: [Markup]) -> Markup {
        var html = "<" + tag.rawValue
        for attribute in attributes { attribute.append(to: &html) }
        html += ">"
        guard !tag.isVoid else { return Markup(html: html) }
        for part in content { html += part.html }
        return Markup(html: html + "</" + tag.rawValue + ">")
    }

    /// The writers in the domain that escape what they write and return HTML or SVG.
    enum Writer: Sendable {
        /// `BarChart`, `LineChart`, `ChoroplethMap` and the other `SVG` drawings.
        case chart
        /// `TableHTML`: a table builder result.
        case table
    }

    /// Markup a domain writer rendered (its own escaping applies).
    static func rendered(_ html: String, by writer: Writer) -> Markup { Markup(html: html) }

    /// A whole page: the doctype, then `<html lang>` with head and body.
    static func document(language: String, head: Markup, body: Markup) -> Markup {
        Markup(html: "<!DOCTYPE html>\n") + .tag(.html, [.init("lang", language)], .newline, head, .newline, body, .newline)
    }

    static let newline = Markup(html: "\n")
    static let space = Markup(html: " ")

    static func + (left: Markup, right: Markup) -> Markup { Markup(html: left.html + right.html) }
    /// Appends in place (a page is built by many appends; `left = left + right` would copy it each time).
    static func += (left: inout Markup, right: Markup) { left.html += right.html }
}

extension Sequence where Element == Markup {
    func joined(separator: Markup = .empty) -> Markup {
        var result = Markup.empty
        for (index, part) in enumerated() {
            if index > 0 { result += separator }
            result += part
        }
        return result
    }
}
