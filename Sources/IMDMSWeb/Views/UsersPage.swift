import IMDMSCore
import IMDMSStorage

/// Accounts: the list with reset and (de)activate buttons, and the form for a new account.
struct UsersPage {
    var users: [User]
    var organisations: [Organisation]
    var message: String?

    func render(login: SessionRepository.Session) -> Layout {
        let csrf = "\(HTML.csrfField(login.csrfToken))"
        return Layout(title: T("Users"), login: login) {
            var html = HTML.element("h1", T("Users"))
            if let message { html += HTML.element("p", message, [("class", "message"), ("id", "message")]) }
            html += "<table class=\"data\" id=\"users\"><thead><tr>" + [T("Username"), T("Name"), T("Role"), T("Organisation"), T("State")].map { HTML.element("th", $0) }.joined() + "<th></th></tr></thead><tbody>"
            for user in users {
                let toggle = "<form method=\"post\" action=\"\(SiteURL.user(.value(user.id), .active).path)\">\(csrf)<input type=\"hidden\" name=\"active\" value=\"\(!user.isActive)\">"
                    + "<button type=\"submit\">\(HTML.escape(T(user.isActive ? "Deactivate" : "Reactivate")))</button></form>"
                let reset = "<form method=\"post\" action=\"\(SiteURL.user(.value(user.id), .password).path)\">\(csrf)<button type=\"submit\">\(HTML.escape(T("Reset password")))</button></form>"
                html += "<tr>" + [user.username, user.displayName, user.role.rawValue, user.organisationID ?? "", T(user.isActive ? "active" : "deactivated")]
                    .map { HTML.element("td", $0) }.joined() + HTML.container("td", [], reset + toggle) + "</tr>"
            }
            html += "</tbody></table>" + HTML.element("h2", T("New account"))
            html += "<form method=\"post\" action=\"\(SiteURL.users.path)\" id=\"new-user\">\(csrf)"
                + "<label>\(HTML.escape(T("Username"))) <input type=\"text\" name=\"username\" required></label> "
                + "<label>\(HTML.escape(T("Name"))) <input type=\"text\" name=\"displayName\"></label> "
                + RoleChoice.selects(organisations: organisations)
                + "<label>\(HTML.escape(T("Password"))) <input type=\"password\" name=\"password\" autocomplete=\"new-password\" placeholder=\"\(HTML.escape(T("empty: generate one")))\"></label> "
                + "<button type=\"submit\">\(HTML.escape(T("Create")))</button></form>"
            return html
        }
    }
}

/// The role and organisation selects shared by the account and token forms.
enum RoleChoice {
    static func selects(organisations: [Organisation]) -> String {
        let roles = Role.allCases.map { HTML.option($0.rawValue, $0.rawValue, selected: $0 == .producer) }.joined()
        let orgs = HTML.option("", T("none"), selected: false) + organisations.map { HTML.option($0.id, "\($0.name) (\($0.id))", selected: false) }.joined()
        return "<label>\(HTML.escape(T("Role"))) <select name=\"role\">\(roles)</select></label> <label>\(HTML.escape(T("Organisation"))) <select name=\"organisation\">\(orgs)</select></label> "
    }
}
