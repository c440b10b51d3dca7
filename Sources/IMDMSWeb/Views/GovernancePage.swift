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
        Layout(title: "Migration governance", login: login) {
            var html = HTML.element("h1", "Migration governance")
            html += HTML.element("p", "Assessments of migration governance by the Migration Governance Indicators (MGI), in the six domains of IOM's Migration Governance Framework. "
                + "Once every indicator is answered, the scores are submitted for the data manager's approval like any other data (dataset Migration governance scores); "
                + "an approved year is locked until a data manager reopens it.")
            html += HTML.element("h2", "Assessments")
            if assessments.isEmpty {
                html += HTML.element("p", "No assessment yet.")
            } else {
                let rows = assessments.map { a in
                    "<tr>" + HTML.container("td", [], "<a href=\"/governance/assessments/\(a.id.uuidString)\">\(a.year)</a>")
                        + HTML.element("td", a.frameworkID) + HTML.element("td", "\(a.answered)") + HTML.element("td", a.status)
                        + HTML.container("td", [], a.submissionID.map { "<a href=\"/submissions/\($0.uuidString)\">workflow</a>" } ?? "") + "</tr>"
                }.joined()
                html += "<table id=\"assessments\"><thead><tr>" + ["Year", "Framework", "Answers", "Status", "Submission"].map { HTML.element("th", $0) }.joined()
                    + "</tr></thead><tbody>" + rows + "</tbody></table>"
            }
            html += HTML.element("h2", "Scorecard")
            html += ReportsPage.scorecardForm
            if canCreate && !frameworks.isEmpty {
                html += HTML.element("h2", "Start an assessment")
                html += "<form method=\"post\" action=\"/governance/assessments\" id=\"new-assessment\">\(HTML.csrfField(csrf))"
                    + "<label>Year <input name=\"year\" size=\"6\" required inputmode=\"numeric\"></label> <label>Framework <select name=\"framework\">"
                    + frameworks.map { HTML.option($0.id, "\($0.title) (\($0.version))" + ($0.illustrative ? " — illustrative" : ""), selected: false) }.joined()
                    + "</select></label> <button type=\"submit\">Start</button></form>"
            }
            html += HTML.element("h2", "Frameworks")
            html += "<ul id=\"frameworks\">" + frameworks.map { f in
                HTML.element("li", "\(f.title) — \(f.code) version \(f.version)" + (f.illustrative ? " (illustrative set, not IOM's questionnaire)" : ""))
            }.joined() + "</ul>"
            if canImport {
                html += "<form method=\"post\" action=\"/governance/frameworks\" enctype=\"multipart/form-data\" id=\"import-framework\">"
                    + "\(HTML.csrfField(csrf))"
                    + HTML.element("p", "Import an indicator list from a workbook: a sheet ‘indicators’ with the columns "
                        + FrameworkWorkbook.indicatorColumns.joined(separator: ", ") + "; optional sheets ‘scales’ (scale, option_code, label, score) and ‘framework’ (id, version, title).")
                    + "<label>Workbook <input type=\"file\" name=\"file\" required></label> <label>Id <input name=\"id\" size=\"6\" value=\"MGI\"></label> "
                    + "<label>Version <input name=\"version\" size=\"10\"></label> <label>Title <input name=\"title\" size=\"30\"></label> "
                    + "<button type=\"submit\">Import</button></form>"
            }
            return html
        }
    }
}
