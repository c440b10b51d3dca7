import IMDMSCore
import IMDMSStorage

/// Accounts: the list with reset and (de)activate buttons, and the form for a new account.
struct UsersPage {
    var users: [User]
    var organisations: [Organisation]
    var message: String?

    func render(login: SessionRepository.Session) -> Layout {
        let csrf = login.csrfToken
        return Layout(title: T("Users"), login: login) {
            var html = Markup.tag(.h1, text: T("Users"))
            if let message { html += .tag(.p, [.class("message"), .id("message")], text: message) }
            let rows = users.map { user -> Markup in
                let toggle = Markup.postForm(SiteURL.user(.value(user.id), .active).path, csrf: csrf, .hidden("active", String(!user.isActive)),
                                             .submit(T(user.isActive ? "Deactivate" : "Reactivate")))
                let reset = Markup.postForm(SiteURL.user(.value(user.id), .password).path, csrf: csrf, .submit(T("Reset password")))
                return .tag(.tr, [user.username, user.displayName, user.role.rawValue, user.organisationID ?? "", T(user.isActive ? "active" : "deactivated")]
                    .map { .tag(.td, text: $0) } + [.tag(.td, reset, toggle)])
            }
            html += .table([.class("data"), .id("users")],
                           head: .tag(.tr, [T("Username"), T("Name"), T("Role"), T("Organisation"), T("State")].map { .tag(.th, text: $0) } + [.tag(.th)]),
                           rows: rows)
            html += .tag(.h2, text: T("New account"))
            html += .postForm(SiteURL.users.path, csrf: csrf, [.id("new-user")],
                              .tag(.label, .text(T("Username")), .space, .tag(.input, [.type("text"), .name("username"), .required])), .space,
                              .tag(.label, .text(T("Name")), .space, .tag(.input, [.type("text"), .name("displayName")])), .space,
                              RoleChoice.selects(organisations: organisations),
                              .tag(.label, .text(T("Password")), .space, .tag(.input, [.type("password"), .name("password"), Attribute("autocomplete", "new-password"),
                                                                                       .placeholder(T("empty: generate one"))])), .space,
                              .submit(T("Create")))
            return html
        }
    }
}

/// The role and organisation selects shared by the account and token forms.
enum RoleChoice {
    static func selects(organisations: [Organisation]) -> Markup {
        let roles = Role.allCases.map { Markup.option($0.rawValue, $0.rawValue, selected: $0 == .producer) }
        let orgs = [Markup.option("", T("none"), selected: false)] + organisations.map { Markup.option($0.id, "\($0.name) (\($0.id))", selected: false) }
        return .tag(.label, .text(T("Role")), .space, .tag(.select, [.name("role")], roles)) + .space
            + .tag(.label, .text(T("Organisation")), .space, .tag(.select, [.name("organisation")], orgs)) + .space
    }
}
