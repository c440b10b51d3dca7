import IMDMSCore

/// Small helpers for HTML written on the server: everything from data goes through `escape`.
enum HTML {
    static func escape(_ text: String) -> String { MustacheTemplate.escapeHTML(text) }

    /// The hidden field every state-changing form carries (`CSRFMiddleware`).
    static func csrfField(_ token: String) -> String {
        "<input type=\"hidden\" name=\"\(CSRFMiddleware.field)\" value=\"\(escape(token))\">"
    }

    /// `<tag attributes>escaped text</tag>`; attribute values are escaped too.
    static func element(_ tag: String, _ text: String, _ attributes: [(String, String)] = []) -> String {
        "<\(tag)\(attributeText(attributes))>\(escape(text))</\(tag)>"
    }

    /// `<tag attributes>` + already-built inner HTML + `</tag>`.
    static func container(_ tag: String, _ attributes: [(String, String)] = [], _ inner: String) -> String {
        "<\(tag)\(attributeText(attributes))>\(inner)</\(tag)>"
    }

    static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    static func option(_ value: String, _ label: String, selected: Bool) -> String {
        "<option value=\"\(escape(value))\"\(selected ? " selected" : "")>\(escape(label))</option>"
    }
}
