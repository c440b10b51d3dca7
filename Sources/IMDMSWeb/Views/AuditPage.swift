import IMDMSCore
import IMDMSStorage

/// The audit trail page: the chain's state, the filters, the matching entries (newest first).
struct AuditPage {
    var entries: [AuditEntry]
    var filters: AuditController.Filters
    var verification: AuditVerification

    func render(login: SessionRepository.Session) -> Layout {
        Layout(title: T("Audit trail"), login: login) {
            var html = Markup.tag(.h1, text: T("Audit trail"))
            html += .tag(.p, [.id("verification"), .class(verification.isIntact ? "ok" : "errors")], text: verification.description)
            func field(_ name: String, _ label: String, _ value: String?, _ placeholder: String) -> Markup {
                .tag(.label, .text(T(label)), .space, .tag(.input, [.type("text"), .name(name), .value(value ?? ""), .placeholder(placeholder), .size(14)])) + .space
            }
            html += .tag(.form, [.method("get"), .action(SiteURL.audit.path), .class("filters")],
                         field("actor", "Who", filters.actor, "user:thabo"), field("action", "Action", filters.action, "submission."),
                         field("subject", "On", filters.subject, "BORDER_CROSSINGS"), field("from", "From", filters.from, "2026-11-01"),
                         field("to", "To", filters.to, "2026-11-30"), .submit(T("Filter")))
            html += .table([.class("data"), .id("audit")],
                           head: .row(["#", T("When (UTC)"), T("Who"), T("Action"), T("On"), T("Before"), T("After")], tag: .th),
                           rows: entries.map { e in .row([String(e.sequence), e.at, e.actor, e.action, e.subject, e.before ?? "", e.after ?? ""]) })
            if entries.count == 500 { html += .tag(.p, [.class("meta")], text: T("Showing the newest 500; narrow the filters to see older entries.")) }
            return html
        }
    }
}
