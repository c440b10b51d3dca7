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
    static let formatSelect = "<select name=\"format\">"
        + [("html", "Web page"), ("xlsx", "Excel"), ("pdf", "PDF"), ("csv", "CSV")].map { HTML.option($0.0, $0.1, selected: $0.0 == "html") }.joined()
        + "</select>"

    /// The governance scorecard's form: a year, the one to compare it with, a format.
    static let scorecardForm = "<form method=\"get\" action=\"/reports/\(ScorecardReport.id)\"><label>Year <input name=\"year\" size=\"6\" placeholder=\"latest\"></label> "
        + "<label>Compared with <input name=\"compare\" size=\"6\" placeholder=\"the one before\"></label> "
        + formatSelect + " <button type=\"submit\">Make the scorecard</button></form>"

    func render(login: SessionRepository.Session?) -> Layout {
        Layout(title: "Reports", login: login) {
            var html = HTML.element("h1", "Reports")
            for entry in entries {
                let r = entry.report
                let period = entry.defaultPeriod?.formatted ?? ""
                html += HTML.container("section", [("class", "report"), ("id", "report-\(r.id)")],
                    HTML.element("h2", Localizer.current.translations.reportText(r.title)) + HTML.element("p", r.description)
                    + "<form method=\"get\" action=\"/reports/\(HTML.escape(r.id))\"><label>Period <input name=\"period\" size=\"10\" value=\"\(HTML.escape(period))\" placeholder=\"\(HTML.escape(Period.example(r.frequency)))\"></label> "
                    + Self.formatSelect + " <button type=\"submit\">Make the report</button></form>")
            }
            html += HTML.container("section", [("class", "report"), ("id", "report-\(ScorecardReport.id)")],
                HTML.element("h2", "Migration governance scorecard")
                + HTML.element("p", "Migration Governance Indicators by domain, the SDG 10.7.2 view and what changed between two assessments (see Governance).")
                + Self.scorecardForm)
            return html
        }
    }
}
