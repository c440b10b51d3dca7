import Foundation
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
            var html = Markup.tag(.h1, text: T("Migration governance assessment %@", String(s.year)))
            html += .tag(.p, text: "\(framework.title), " + T("version %@", framework.version) + ". "
                + T("%@ of %@ indicators answered; status: %@.", String(s.answered), String(framework.indicators.count), s.status))
            if framework.illustrative, let note = framework.note { html += .tag(.p, [.class("problem")], text: note) }
            if let saved { html += .tag(.p, [.class("notice"), .id("saved")], text: saved == 0 ? T("Nothing changed.") : T("%@ answer(s) saved.", String(saved))) }
            if locked {
                html += .tag(.p, [.class("notice"), .id("locked")],
                             text: T("This year is approved and locked: answers cannot change until a data manager reopens it (Submissions › Reopen the periods)."))
            }
            if let score = stored.score {
                html += .tag(.h2, text: T("Scores"))
                html += .tag(.p, [.id("overall")], text: T("Overall score: %@", String(format: "%.1f%%", score.overall)))
                html += .table([.id("scores")], head: .row([T("Domain"), T("MGI score (%)"), T("SDG 10.7.2 value (%)"), T("SDG 10.7.2 band")], tag: .th),
                               rows: score.domains.map { d in .row([d.name, String(format: "%.1f", d.score), String(format: "%.1f", d.sdgValue), d.band.label]) })
                html += .tag(.p, .link(SiteURL.report(.value(ScorecardReport.id)).path(query: "year=\(s.year)"), T("Scorecard")))
            }
            let editable = canAnswer && !locked
            var fields: [Markup] = []
            for domain in framework.domains {
                fields.append(.tag(.h2, text: "\(domain.code) \(domain.name)"))
                for subdomain in domain.subdomains {
                    fields.append(.tag(.h3, text: "\(subdomain.code) \(subdomain.name)"))
                    fields += subdomain.indicators.map { field($0, editable: editable) }
                }
            }
            if editable { fields.append(.submit(T("Save answers"))) }
            html += .element(.form, [.method("post"), .action(SiteURL.assessment(.value(s.id)).path), Attribute("enctype", "multipart/form-data"), .id("answers")],
                             [.csrfField(csrf)] + fields)
            if editable {
                html += .tag(.h2, text: T("Answers from a workbook"))
                html += .postForm(SiteURL.assessment(.value(s.id), .workbook).path, csrf: csrf, [Attribute("enctype", "multipart/form-data"), .id("answers-workbook")],
                                  .tag(.p, text: T("A sheet ‘answers’ with the columns %@ (an answer is an option's code or label).", AssessmentWorkbook.columns.joined(separator: ", "))),
                                  .tag(.label, .text(T("Workbook")), .space, .tag(.input, [.type("file"), .name("file"), .required])), .space,
                                  .submit(T("Import the answers")))
            }
            return html
        }
    }

    private func field(_ indicator: AssessmentFramework.Indicator, editable: Bool) -> Markup {
        let answer = stored.answers[indicator.code]
        let code = indicator.code
        let options = stored.framework.scale(indicator.scale)?.options ?? []
        let disabled = Attribute.flag("disabled", !editable)
        var html = Markup.tag(.legend, text: "\(code) \(indicator.question)")
        html += .tag(.label, .text(T("Answer")), .space, .tag(.select, [.name("answer[\(code)]"), disabled],
                     [.option("", "—", selected: answer == nil)] + options.map { .option($0.code, $0.label, selected: $0.code == answer?.option) })) + .space
        html += .tag(.label, .text(T("Evidence")), .space, .tag(.textarea, [.name("evidence[\(code)]"), Attribute("rows", "2"), Attribute("cols", "60"), disabled],
                                                                 text: answer?.evidence ?? "")) + .space
        html += .tag(.label, .text(T("Link")), .space, .tag(.input, [.name("link[\(code)]"), .size(40), .value(answer?.link ?? ""), disabled])) + .space
        if editable { html += .tag(.label, .text(T("File")), .space, .tag(.input, [.type("file"), .name("file[\(code)]")])) }
        if let name = answer?.fileName {
            html += .space + .link(SiteURL.assessment(.value(stored.summary.id), .evidence(.value(code))).path, name)
        }
        if let by = answer?.answeredBy { html += .tag(.span, [.class("meta")], text: " " + T("answered by %@", by)) }
        return .tag(.fieldset, [.class("indicator"), .id("indicator-\(code)")], html)
    }
}
