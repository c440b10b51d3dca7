/// The HTML elements the pages use.
public enum Tag: String, Sendable {
    case a, body, br, button, caption, code, dd, details, div, dl, dt, em, fieldset, figure, footer, form, h1, h2, h3, head, header, html, img, input, label,
         legend, li, link, main, meta, nav, ol, option, p, pre, script, section, select, small, span, strong, summary, table, tbody, td,
         textarea, th, thead, time, title, tr, ul

    /// Elements without content or end tag.
    public var isVoid: Bool { [.br, .img, .input, .link, .meta].contains(self) }
}

extension Markup {
    public static func tag(_ tag: Tag, _ content: Markup...) -> Markup { element(tag, [], content) }
    public static func tag(_ tag: Tag, _ attributes: [Attribute], _ content: Markup...) -> Markup { element(tag, attributes, content) }
    public static func tag(_ tag: Tag, _ content: [Markup]) -> Markup { element(tag, [], content) }
    public static func tag(_ tag: Tag, _ attributes: [Attribute], _ content: [Markup]) -> Markup { element(tag, attributes, content) }
    /// An element holding text (escaped).
    public static func tag(_ tag: Tag, _ attributes: [Attribute] = [], text: String) -> Markup { element(tag, attributes, [.text(text)]) }
}
