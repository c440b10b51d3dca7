import IMDMSCore
import IMDMSStorage

/// One assessment: its scores once complete, and the form with every indicator — answer,
/// evidence text, link and file — grouped by domain and sub-domain; answers from a workbook.
struct AssessmentPage {
    var stored: AssessmentRepository.Stored
    var canAnswer: Bool
    var locked: Bool
    var saved: Int?
    var csrf: String

    func render(login: SessionRepository.Session?) -> Layout {
        let s = stored.summary, framework = stored.framework
        return Layout(title: T("Assessment %@", String(s.year)), login: login) {
            var html = HTML.element("h1", T("Migration governance assessment %@", String(s.year)))
            html += HTML.element("p", "\(framework.title), " + T("version %@", framework.version) + ". "
                + T("%@ of %@ indicators answered; status: %@.", String(s.answered), String(framework.indicators.count), s.status))
            if framework.illustrative, let note = framework.note { html += HTML.element("p", note, [("class", "problem")]) }
            if let saved { html += HTML.element("p", saved == 0 ? T("Nothing changed.") : T("%@ answer(s) saved.", String(saved)), [("class", "notice"), ("id", "saved")]) }
            if locked {
                html += HTML.element("p", T("This year is approved and locked: answers cannot change until a data manager reopens it (Submissions › Reopen the periods)."),
                                     [("class", "notice"), ("id", "locked")])
            }
            if let score = stored.score {
                html += HTML.element("h2", T("Scores"))
                html += HTML.element("p", T("Overall score: %@", String(format: "%.1f%%", score.overall)), [("id", "overall")])
                html += "<table id=\"scores\"><thead><tr>" + [T("Domain"), T("MGI score (%)"), T("SDG 10.7.2 value (%)"), T("SDG 10.7.2 band")].map { HTML.element("th", $0) }.joined()
                    + "</tr></thead><tbody>" + score.domains.map { d in
                        "<tr>" + [d.name, String(format: "%.1f", d.score), String(format: "%.1f", d.sdgValue), d.band.label].map { HTML.element("td", $0) }.joined() + "</tr>"
                    }.joined() + "</tbody></table>"
                html += "<p><a href=\"\(SiteURL.report(.value(ScorecardReport.id)).path(query: "year=\(s.year)"))\">\(HTML.escape(T("Scorecard")))</a></p>"
            }
            let editable = canAnswer && !locked
            html += "<form method=\"post\" action=\"\(SiteURL.assessment(.value(s.id)).path)\" enctype=\"multipart/form-data\" id=\"answers\">"
                + "\(HTML.csrfField(csrf))"
            for domain in framework.domains {
                html += HTML.element("h2", "\(domain.code) \(domain.name)")
                for subdomain in domain.subdomains {
                    html += HTML.element("h3", "\(subdomain.code) \(subdomain.name)")
                    for indicator in subdomain.indicators { html += field(indicator, editable: editable) }
                }
            }
            if editable { html += "<button type=\"submit\">\(HTML.escape(T("Save answers")))</button>" }
            html += "</form>"
            if editable {
                html += HTML.element("h2", T("Answers from a workbook"))
                html += "<form method=\"post\" action=\"\(SiteURL.assessment(.value(s.id), .workbook).path)\" enctype=\"multipart/form-data\" id=\"answers-workbook\">"
                    + "\(HTML.csrfField(csrf))"
                    + HTML.element("p", T("A sheet ‘answers’ with the columns %@ (an answer is an option's code or label).", AssessmentWorkbook.columns.joined(separator: ", ")))
                    + "<label>\(HTML.escape(T("Workbook"))) <input type=\"file\" name=\"file\" required></label> <button type=\"submit\">\(HTML.escape(T("Import the answers")))</button></form>"
            }
            return html
        }
    }

    private func field(_ indicator: AssessmentFramework.Indicator, editable: Bool) -> String {
        let answer = stored.answers[indicator.code]
        let code = HTML.escape(indicator.code)
        let options = stored.framework.scale(indicator.scale)?.options ?? []
        var html = "<fieldset class=\"indicator\" id=\"indicator-\(code)\"><legend>\(code) \(HTML.escape(indicator.question))</legend>"
        let disabled = editable ? "" : " disabled"
        html += "<label>\(HTML.escape(T("Answer"))) <select name=\"answer[\(code)]\"\(disabled)>" + HTML.option("", "—", selected: answer == nil)
            + options.map { HTML.option($0.code, $0.label, selected: $0.code == answer?.option) }.joined() + "</select></label> "
        html += "<label>\(HTML.escape(T("Evidence"))) <textarea name=\"evidence[\(code)]\" rows=\"2\" cols=\"60\"\(disabled)>\(HTML.escape(answer?.evidence ?? ""))</textarea></label> "
        html += "<label>\(HTML.escape(T("Link"))) <input name=\"link[\(code)]\" size=\"40\" value=\"\(HTML.escape(answer?.link ?? ""))\"\(disabled)></label> "
        if editable { html += "<label>\(HTML.escape(T("File"))) <input type=\"file\" name=\"file[\(code)]\"></label>" }
        if let name = answer?.fileName {
            html += " <a href=\"\(HTML.escape(SiteURL.assessment(.value(stored.summary.id), .evidence(.value(code))).path))\">\(HTML.escape(name))</a>"
        }
        if let by = answer?.answeredBy { html += HTML.element("span", " " + T("answered by %@", by), [("class", "meta")]) }
        return html + "</fieldset>"
    }
}
