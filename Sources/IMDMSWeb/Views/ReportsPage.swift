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
    static var formatSelect: String { "<select name=\"format\">"
        + [("html", T("Web page")), ("xlsx", "Excel"), ("pdf", "PDF"), ("csv", "CSV")].map { HTML.option($0.0, $0.1, selected: $0.0 == "html") }.joined()
        + "</select>" }

    /// The governance scorecard's form: a year, the one to compare it with, a format.
    static var scorecardForm: String {
        "<form method=\"get\" action=\"\(SiteURL.report(.value(ScorecardReport.id)).path)\"><label>\(HTML.escape(T("Year"))) <input name=\"year\" size=\"6\" placeholder=\"\(HTML.escape(T("latest")))\"></label> "
            + "<label>\(HTML.escape(T("Compared with"))) <input name=\"compare\" size=\"6\" placeholder=\"\(HTML.escape(T("the one before")))\"></label> "
            + formatSelect + " <button type=\"submit\">\(HTML.escape(T("Make the scorecard")))</button></form>"
    }

    func render(login: SessionRepository.Session?) -> Layout {
        let words = Localizer.current.translations
        return Layout(title: T("Reports"), login: login) {
            var html = HTML.element("h1", T("Reports"))
            for entry in entries {
                let r = entry.report
                let period = entry.defaultPeriod?.formatted ?? ""
                html += HTML.container("section", [("class", "report"), ("id", "report-\(r.id)")],
                    HTML.element("h2", words.reportText(r.title)) + HTML.element("p", words.reportText(r.description))
                    + "<form method=\"get\" action=\"\(HTML.escape(SiteURL.report(.value(r.id)).path))\"><label>\(HTML.escape(T("Period"))) <input name=\"period\" size=\"10\" value=\"\(HTML.escape(period))\" placeholder=\"\(HTML.escape(Period.example(r.frequency)))\"></label> "
                    + Self.formatSelect + " <button type=\"submit\">\(HTML.escape(T("Make the report")))</button></form>")
            }
            html += HTML.container("section", [("class", "report"), ("id", "report-\(ScorecardReport.id)")],
                HTML.element("h2", words.reportText("Migration governance scorecard"))
                + HTML.element("p", T("Migration Governance Indicators by domain, the SDG 10.7.2 view and what changed between two assessments (see Governance)."))
                + Self.scorecardForm)
            return html
        }
    }
}
