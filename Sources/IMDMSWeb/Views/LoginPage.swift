import IMDMSCore

import IMDMSStorage

/// The login form.
struct LoginPage {
    var csrfToken: String
    var message: String?
    var username: String

    func render(login: SessionRepository.Session?) -> Layout {
        Layout(title: T("Log in"), login: login) {
            .tag(.h1, text: T("Log in"))
                + (message.map { .tag(.p, [.class("error"), Attribute("role", "alert")], text: $0) } ?? .empty)
                + .postForm(SiteURL.login.path, csrf: csrfToken, [.class("login")], .newline,
                            .tag(.label, .text(T("Username")), .space,
                                 .tag(.input, [.name("username"), Attribute("autocomplete", "username"), .required, .value(username)])), .newline,
                            AccountPage.password(T("Password"), name: "password", autocomplete: "current-password"), .newline,
                            .submit(T("Log in")), .newline)
        }
    }
}
