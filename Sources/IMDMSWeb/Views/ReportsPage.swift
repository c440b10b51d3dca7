import IMDMSCore
import IMDMSStorage

/// The reports on offer, each with a period box and the four formats.
struct ReportsPage {
    struct Entry {
        var report: ReportDefinition
        var defaultPeriod: Period?
    }

    var entries: [Entry]

    /// The formats every report comes in.
    static var formatSelect: Markup {
        .tag(.select, [.name("format")], [("html", T("Web page")), ("xlsx", "Excel"), ("pdf", "PDF"), ("csv", "CSV")].map { Markup.option($0.0, $0.1, selected: $0.0 == "html") })
    }

    /// The governance scorecard's form: a year, the one to compare it with, a format.
    static var scorecardForm: Markup {
        .tag(.form, [.method("get"), .action(SiteURL.report(.value(ScorecardReport.id)).path)],
             .tag(.label, .text(T("Year")), .space, .tag(.input, [.name("year"), .size(6), .placeholder(T("latest"))])), .space,
             .tag(.label, .text(T("Compared with")), .space, .tag(.input, [.name("compare"), .size(6), .placeholder(T("the one before"))])), .space,
             formatSelect, .space, .submit(T("Make the scorecard")))
    }

    func render(login: SessionRepository.Session?) -> Layout {
        let words = Localizer.current.translations
        return Layout(title: T("Reports"), login: login) {
            var html = Markup.tag(.h1, text: T("Reports"))
            for entry in entries {
                let r = entry.report
                let period = entry.defaultPeriod?.formatted ?? ""
                html += .tag(.section, [.class("report"), .id("report-\(r.id)")],
                    .tag(.h2, text: words.reportText(r.title)), .tag(.p, text: words.reportText(r.description)),
                    .tag(.form, [.method("get"), .action(SiteURL.report(.value(r.id)).path)],
                         .tag(.label, .text(T("Period")), .space, .tag(.input, [.name("period"), .size(10), .value(period), .placeholder(Period.example(r.frequency))])),
                         .space, Self.formatSelect, .space, .submit(T("Make the report"))))
            }
            html += .tag(.section, [.class("report"), .id("report-\(ScorecardReport.id)")],
                .tag(.h2, text: words.reportText("Migration governance scorecard")),
                .tag(.p, text: T("Migration Governance Indicators by domain, the SDG 10.7.2 view and what changed between two assessments (see Governance).")),
                Self.scorecardForm)
            return html
        }
    }
}
