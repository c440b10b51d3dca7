/// The data a logic-less template is filled with: text, a yes/no, a list of contexts, a context.
public indirect enum TemplateValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case context([String: TemplateValue])

    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self = .context(Dictionary(elements, uniquingKeysWith: { $1 })) }

    /// Whether a section `{{#name}}` shows: non-empty text and lists, true flags, any context.
    var isTruthy: Bool {
        switch self {
        case let .text(text): !text.isEmpty
        case let .flag(flag): flag
        case let .list(items): !items.isEmpty
        case .context: true
        }
    }

    /// The value as text (empty for lists and contexts).
    public var textValue: String { text }

    var text: String {
        switch self {
        case let .text(text): text
        case let .flag(flag): flag ? "true" : ""
        case .list, .context: ""
        }
    }
}
