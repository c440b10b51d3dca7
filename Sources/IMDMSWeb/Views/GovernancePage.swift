import IMDMSCore
import IMDMSStorage

/// Migration governance at a glance: the assessments with their status and overall score, the
/// scorecard, a new assessment, and the frameworks (importing one from a workbook).
struct GovernancePage {
    var frameworks: [AssessmentRepository.FrameworkSummary]
    var assessments: [AssessmentRepository.Summary]
    var canCreate: Bool
    var canImport: Bool
    var csrf: String

    func render(login: SessionRepository.Session?) -> Layout {
        Layout(title: T("Migration governance"), login: login) {
            var html = HTML.element("h1", T("Migration governance"))
            html += HTML.element("p", T("Assessments of migration governance by the Migration Governance Indicators (MGI), in the six domains of IOM's Migration Governance Framework.")
                + " " + T("Once every indicator is answered, the scores are submitted for the data manager's approval like any other data (dataset Migration governance scores); an approved year is locked until a data manager reopens it."))
            html += HTML.element("h2", T("Assessments"))
            if assessments.isEmpty {
                html += HTML.element("p", T("No assessment yet."))
            } else {
                let rows = assessments.map { a in
                    "<tr>" + HTML.container("td", [], "<a href=\"\(SiteURL.assessment(.value(a.id)).path)\">\(a.year)</a>")
                        + HTML.element("td", a.frameworkID) + HTML.element("td", "\(a.answered)") + HTML.element("td", a.status)
                        + HTML.container("td", [], a.submissionID.map { "<a href=\"\(SiteURL.submission(.value($0)).path)\">\(HTML.escape(T("workflow")))</a>" } ?? "") + "</tr>"
                }.joined()
                html += "<table id=\"assessments\"><thead><tr>" + [T("Year"), T("Framework"), T("Answers"), T("Status"), T("Submission")].map { HTML.element("th", $0) }.joined()
                    + "</tr></thead><tbody>" + rows + "</tbody></table>"
            }
            html += HTML.element("h2", T("Scorecard"))
            html += ReportsPage.scorecardForm
            if canCreate && !frameworks.isEmpty {
                html += HTML.element("h2", T("Start an assessment"))
                html += "<form method=\"post\" action=\"\(SiteURL.assessments.path)\" id=\"new-assessment\">\(HTML.csrfField(csrf))"
                    + "<label>\(HTML.escape(T("Year"))) <input name=\"year\" size=\"6\" required inputmode=\"numeric\"></label> <label>\(HTML.escape(T("Framework"))) <select name=\"framework\">"
                    + frameworks.map { HTML.option($0.id, "\($0.title) (\($0.version))" + ($0.illustrative ? " — " + T("illustrative") : ""), selected: false) }.joined()
                    + "</select></label> <button type=\"submit\">\(HTML.escape(T("Start")))</button></form>"
            }
            html += HTML.element("h2", T("Frameworks"))
            html += "<ul id=\"frameworks\">" + frameworks.map { f in
                HTML.element("li", "\(f.title) — \(f.code) " + T("version %@", f.version) + (f.illustrative ? " " + T("(illustrative set, not IOM's questionnaire)") : ""))
            }.joined() + "</ul>"
            if canImport {
                html += "<form method=\"post\" action=\"\(SiteURL.frameworks.path)\" enctype=\"multipart/form-data\" id=\"import-framework\">"
                    + "\(HTML.csrfField(csrf))"
                    + HTML.element("p", T("Import an indicator list from a workbook: a sheet ‘indicators’ with the columns %@; optional sheets ‘scales’ (scale, option_code, label, score) and ‘framework’ (id, version, title).",
                                            FrameworkWorkbook.indicatorColumns.joined(separator: ", ")))
                    + "<label>\(HTML.escape(T("Workbook"))) <input type=\"file\" name=\"file\" required></label> <label>Id <input name=\"id\" size=\"6\" value=\"MGI\"></label> "
                    + "<label>\(HTML.escape(T("Version"))) <input name=\"version\" size=\"10\"></label> <label>\(HTML.escape(T("Title"))) <input name=\"title\" size=\"30\"></label> "
                    + "<button type=\"submit\">\(HTML.escape(T("Import")))</button></form>"
            }
            return html
        }
    }
}
