import IMDMSCore
import IMDMSStorage

/// The user's own account: name, role, organisation and the form to change the password.
struct AccountPage {
    var user: User
    var csrfToken: String
    var message: String?
    var error: String?

    func render(login: SessionRepository.Session) -> Layout {
        Layout(title: T("Your account"), login: login) {
            .tag(.h1, text: T("Your account"))
                + .tag(.p, [.class("meta")], text: "\(user.username) — \(user.role.rawValue)" + (user.organisationID.map { ", \($0)" } ?? ""))
                + (message.map { .tag(.p, [.class("message"), .id("message")], text: $0) } ?? .empty)
                + (error.map { .tag(.p, [.class("error"), Attribute("role", "alert")], text: $0) } ?? .empty)
                + .tag(.h2, text: T("Change your password"))
                + .tag(.p, [.class("meta")], text: T("At least %@ characters, not your username. Your other sessions end.", String(PasswordPolicy.minimumLength)))
                + .postForm(SiteURL.accountPassword.path, csrf: csrfToken, [.class("login"), .id("password")], .newline,
                            Self.password(T("Current password"), name: "current", autocomplete: "current-password"), .newline,
                            Self.password(T("New password"), name: "new", autocomplete: "new-password"), .newline,
                            Self.password(T("New password again"), name: "repeated", autocomplete: "new-password"), .newline,
                            .submit(T("Change password")), .newline)
        }
    }

    /// A labelled password field (the login form's too).
    static func password(_ label: String, name: String, autocomplete: String) -> Markup {
        .tag(.label, .text(label), .space, .tag(.input, [.name(name), .type("password"), Attribute("autocomplete", autocomplete), .required]))
    }
}
