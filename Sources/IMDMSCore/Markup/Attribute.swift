/// An HTML attribute: its name comes from the code, its value is escaped when written. A flag
/// (`required`, `selected`) has no value and is written only when on.
public struct Attribute: Sendable, Equatable {
    public let name: String
    public let value: String?
    public let isOn: Bool

    public init(_ name: StaticString, _ value: String) {
        self.name = name.description
        self.value = value
        self.isOn = true
    }

    private init(flag name: StaticString, _ on: Bool) {
        self.name = name.description
        self.value = nil
        self.isOn = on
    }

    func append(to html: inout String) {
        guard isOn else { return }
        html += " " + name
        if let value { html += "=\"" + Markup.escape(value) + "\"" }
    }

    public static func flag(_ name: StaticString, _ on: Bool = true) -> Attribute { Attribute(flag: name, on) }

    public static func `class`(_ value: String) -> Attribute { Attribute("class", value) }
    public static func id(_ value: String) -> Attribute { Attribute("id", value) }
    public static func name(_ value: String) -> Attribute { Attribute("name", value) }
    public static func type(_ value: String) -> Attribute { Attribute("type", value) }
    public static func value(_ value: String) -> Attribute { Attribute("value", value) }
    public static func href(_ path: String) -> Attribute { Attribute("href", path) }
    public static func action(_ path: String) -> Attribute { Attribute("action", path) }
    public static func method(_ value: String) -> Attribute { Attribute("method", value) }
    public static func placeholder(_ value: String) -> Attribute { Attribute("placeholder", value) }
    public static func size(_ value: Int) -> Attribute { Attribute("size", String(value)) }
    public static func scope(_ value: String) -> Attribute { Attribute("scope", value) }
    public static func colspan(_ value: Int) -> Attribute { Attribute("colspan", String(value)) }
    public static func rowspan(_ value: Int) -> Attribute { Attribute("rowspan", String(value)) }

    public static let required = flag("required")
    public static let multiple = flag("multiple")
    public static let readonly = flag("readonly")
    public static func selected(_ on: Bool) -> Attribute { flag("selected", on) }
}
