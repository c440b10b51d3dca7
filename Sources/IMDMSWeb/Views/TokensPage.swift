import IMDMSCore
import IMDMSStorage

/// API tokens: the list with revoke buttons and the form for a new one (its secret is shown once).
struct TokensPage {
    var tokens: [APITokenRepository.Token]
    var organisations: [Organisation]
    var message: String?

    func render(login: SessionRepository.Session) -> Layout {
        Layout(title: T("API tokens"), login: login) {
            var html = Markup.tag(.h1, text: T("API tokens"))
            html += .tag(.p, [.class("meta")], text: T("Machines send a token as ‘Authorization: Bearer …’. It acts with its role and organisation."))
            if let message { html += .tag(.p, [.class("message"), .id("message")], text: message) }
            let rows = tokens.map { token -> Markup in
                let state = T(token.revokedAt != nil ? "revoked" : token.isLive() ? "active" : "expired")
                let revoke = token.revokedAt == nil
                    ? Markup.postForm(SiteURL.tokenRevoke(.value(token.id)).path, csrf: login.csrfToken, .submit(T("Revoke"))) : .empty
                return .tag(.tr, [token.name, token.role.rawValue, token.organisationID ?? "", "\(token.createdBy), \(token.createdAt)",
                                  token.expiresAt.map { "\($0)" } ?? T("never"), state].map { .tag(.td, text: $0) } + [.tag(.td, revoke)])
            }
            html += .table([.class("data"), .id("tokens")],
                           head: .tag(.tr, [T("Name"), T("Role"), T("Organisation"), T("Created"), T("Expires"), T("State")].map { .tag(.th, text: $0) } + [.tag(.th)]),
                           rows: rows)
            html += .tag(.h2, text: T("New token"))
            html += .postForm(SiteURL.tokens.path, csrf: login.csrfToken, [.id("new-token")],
                              .tag(.label, .text(T("Name")), .space, .tag(.input, [.type("text"), .name("name"), .required])), .space,
                              RoleChoice.selects(organisations: organisations),
                              .tag(.label, .text(T("Valid for")), .space,
                                   .tag(.select, [.name("days")], APITokenRepository.lifetimes.map { .tag(.option, [.value(String($0))], text: T("%@ days", String($0))) })),
                              .space, .submit(T("Create")))
            return html
        }
    }
}
