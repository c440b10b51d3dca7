import IMDMSCore

/// The pieces every form repeats.
extension Markup {
    /// The hidden field every state-changing form carries (`CSRFMiddleware`).
    static func csrfField(_ token: String) -> Markup { hidden(CSRFMiddleware.field, token) }

    static func hidden(_ name: String, _ value: String) -> Markup { .tag(.input, [.type("hidden"), .name(name), .value(value)]) }

    /// `<form method="post" action>` with the CSRF field first, then the content.
    static func postForm(_ action: String, csrf: String, _ attributes: [Attribute], _ content: Markup...) -> Markup {
        element(.form, [.method("post"), .action(action)] + attributes, [csrfField(csrf)] + content)
    }

    static func postForm(_ action: String, csrf: String, _ content: Markup...) -> Markup {
        element(.form, [.method("post"), .action(action)], [csrfField(csrf)] + content)
    }

    /// A submit button with its label.
    static func submit(_ label: String, _ attributes: [Attribute] = []) -> Markup { .tag(.button, [.type("submit")] + attributes, text: label) }

    static func link(_ path: String, _ text: String, _ attributes: [Attribute] = []) -> Markup { .tag(.a, [.href(path)] + attributes, text: text) }
    static func link(_ url: SiteURL, _ text: String, _ attributes: [Attribute] = []) -> Markup { link(url.path, text, attributes) }

    static func option(_ value: String, _ label: String, selected: Bool) -> Markup { .tag(.option, [.value(value), .selected(selected)], text: label) }
}
