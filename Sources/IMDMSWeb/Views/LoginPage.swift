import IMDMSStorage

/// The login form.
struct LoginPage {
    var csrfToken: String
    var message: String?
    var username: String

    func render(login: SessionRepository.Session?) -> Layout {
        Layout(title: T("Log in"), login: login) {
            HTML.element("h1", T("Log in"))
                + (message.map { HTML.element("p", $0, [("class", "error"), ("role", "alert")]) } ?? "")
                + """
                <form class="login" method="post" action="\(SiteURL.login.path)">
                \(HTML.csrfField(csrfToken))
                <label>\(HTML.escape(T("Username"))) <input name="username" autocomplete="username" required value="\(HTML.escape(username))"></label>
                <label>\(HTML.escape(T("Password"))) <input name="password" type="password" autocomplete="current-password" required></label>
                <button type="submit">\(HTML.escape(T("Log in")))</button>
                </form>
                """
        }
    }
}
