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
            HTML.element("h1", T("Your account"))
                + HTML.element("p", "\(user.username) — \(user.role.rawValue)" + (user.organisationID.map { ", \($0)" } ?? ""), [("class", "meta")])
                + (message.map { HTML.element("p", $0, [("class", "message"), ("id", "message")]) } ?? "")
                + (error.map { HTML.element("p", $0, [("class", "error"), ("role", "alert")]) } ?? "")
                + HTML.element("h2", T("Change your password"))
                + HTML.element("p", T("At least %@ characters, not your username. Your other sessions end.", String(PasswordPolicy.minimumLength)), [("class", "meta")])
                + """
                <form class="login" method="post" action="\(SiteURL.accountPassword.path)" id="password">
                \(HTML.csrfField(csrfToken))
                <label>\(HTML.escape(T("Current password"))) <input name="current" type="password" autocomplete="current-password" required></label>
                <label>\(HTML.escape(T("New password"))) <input name="new" type="password" autocomplete="new-password" required></label>
                <label>\(HTML.escape(T("New password again"))) <input name="repeated" type="password" autocomplete="new-password" required></label>
                <button type="submit">\(HTML.escape(T("Change password")))</button>
                </form>
                """
        }
    }
}
