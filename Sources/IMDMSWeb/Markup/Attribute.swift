/// An HTML attribute: its name comes from the code, its value is escaped when written. A flag
/// (`required`, `selected`) has no value and is written only when on.
struct Attribute: Sendable, Equatable {
    let name: String
    let value: String?
    let isOn: Bool

    init(_ name: StaticString, _ value: String) {
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

    static func flag(_ name: StaticString, _ on: Bool = true) -> Attribute { Attribute(flag: name, on) }

    static func `class`(_ value: String) -> Attribute { Attribute("class", value) }
    static func id(_ value: String) -> Attribute { Attribute("id", value) }
    static func name(_ value: String) -> Attribute { Attribute("name", value) }
    static func type(_ value: String) -> Attribute { Attribute("type", value) }
    static func value(_ value: String) -> Attribute { Attribute("value", value) }
    static func href(_ path: String) -> Attribute { Attribute("href", path) }
    static func href(_ url: SiteURL) -> Attribute { Attribute("href", url.path) }
    static func action(_ path: String) -> Attribute { Attribute("action", path) }
    static func method(_ value: String) -> Attribute { Attribute("method", value) }
    static func placeholder(_ value: String) -> Attribute { Attribute("placeholder", value) }
    static func size(_ value: Int) -> Attribute { Attribute("size", String(value)) }
    static func scope(_ value: String) -> Attribute { Attribute("scope", value) }
    static func colspan(_ value: Int) -> Attribute { Attribute("colspan", String(value)) }
    static func rowspan(_ value: Int) -> Attribute { Attribute("rowspan", String(value)) }

    static let required = flag("required")
    static let multiple = flag("multiple")
    static let readonly = flag("readonly")
    static func selected(_ on: Bool) -> Attribute { flag("selected", on) }
}
