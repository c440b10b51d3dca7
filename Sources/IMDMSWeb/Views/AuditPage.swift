import IMDMSCore
import IMDMSStorage

/// The audit trail page: the chain's state, the filters, the matching entries (newest first).
struct AuditPage {
    var entries: [AuditEntry]
    var filters: AuditController.Filters
    var verification: AuditVerification

    func render(login: SessionRepository.Session) -> Layout {
        Layout(title: T("Audit trail"), login: login) {
            var html = HTML.element("h1", T("Audit trail"))
            html += HTML.element("p", verification.description, [("id", "verification"), ("class", verification.isIntact ? "ok" : "errors")])
            func field(_ name: String, _ label: String, _ value: String?, _ placeholder: String) -> String {
                "<label>\(HTML.escape(T(label))) <input type=\"text\" name=\"\(name)\" value=\"\(HTML.escape(value ?? ""))\" placeholder=\"\(placeholder)\" size=\"14\"></label> "
            }
            html += "<form method=\"get\" action=\"\(SiteURL.audit.path)\" class=\"filters\">"
                + field("actor", "Who", filters.actor, "user:thabo") + field("action", "Action", filters.action, "submission.")
                + field("subject", "On", filters.subject, "BORDER_CROSSINGS") + field("from", "From", filters.from, "2026-11-01")
                + field("to", "To", filters.to, "2026-11-30") + "<button type=\"submit\">\(HTML.escape(T("Filter")))</button></form>"
            html += "<table class=\"data\" id=\"audit\"><thead><tr><th>#</th>" + [T("When (UTC)"), T("Who"), T("Action"), T("On"), T("Before"), T("After")].map { HTML.element("th", $0) }.joined() + "</tr></thead><tbody>"
            for e in entries {
                html += "<tr>" + [String(e.sequence), e.at, e.actor, e.action, e.subject, e.before ?? "", e.after ?? ""]
                    .map { HTML.element("td", $0) }.joined() + "</tr>"
            }
            html += "</tbody></table>"
            if entries.count == 500 { html += HTML.element("p", T("Showing the newest 500; narrow the filters to see older entries."), [("class", "meta")]) }
            return html
        }
    }
}
