import IMDMSCore
import IMDMSStorage

/// API tokens: the list with revoke buttons and the form for a new one (its secret is shown once).
struct TokensPage {
    var tokens: [APITokenRepository.Token]
    var organisations: [Organisation]
    var message: String?

    func render(login: SessionRepository.Session) -> Layout {
        let csrf = "\(HTML.csrfField(login.csrfToken))"
        return Layout(title: T("API tokens"), login: login) {
            var html = HTML.element("h1", T("API tokens"))
            html += HTML.element("p", T("Machines send a token as ‘Authorization: Bearer …’. It acts with its role and organisation."), [("class", "meta")])
            if let message { html += HTML.element("p", message, [("class", "message"), ("id", "message")]) }
            html += "<table class=\"data\" id=\"tokens\"><thead><tr>" + [T("Name"), T("Role"), T("Organisation"), T("Created"), T("Expires"), T("State")].map { HTML.element("th", $0) }.joined() + "<th></th></tr></thead><tbody>"
            for token in tokens {
                let state = T(token.revokedAt != nil ? "revoked" : token.isLive() ? "active" : "expired")
                let revoke = token.revokedAt == nil
                    ? "<form method=\"post\" action=\"\(SiteURL.tokenRevoke(.value(token.id)).path)\">\(csrf)<button type=\"submit\">\(HTML.escape(T("Revoke")))</button></form>" : ""
                html += "<tr>" + [token.name, token.role.rawValue, token.organisationID ?? "", "\(token.createdBy), \(token.createdAt)",
                                  token.expiresAt.map { "\($0)" } ?? T("never"), state].map { HTML.element("td", $0) }.joined()
                    + HTML.container("td", [], revoke) + "</tr>"
            }
            html += "</tbody></table>" + HTML.element("h2", T("New token"))
            html += "<form method=\"post\" action=\"\(SiteURL.tokens.path)\" id=\"new-token\">\(csrf)<label>\(HTML.escape(T("Name"))) <input type=\"text\" name=\"name\" required></label> "
                + RoleChoice.selects(organisations: organisations)
                + "<label>\(HTML.escape(T("Valid for"))) <select name=\"days\">"
                + APITokenRepository.lifetimes.map { "<option value=\"\($0)\">\(HTML.escape(T("%@ days", String($0))))</option>" }.joined() + "</select></label> "
                + "<button type=\"submit\">\(HTML.escape(T("Create")))</button></form>"
            return html
        }
    }
}
