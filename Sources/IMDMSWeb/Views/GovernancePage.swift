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
            var html = Markup.tag(.h1, text: T("Migration governance"))
            html += .tag(.p, text: T("Assessments of migration governance by the Migration Governance Indicators (MGI), in the six domains of IOM's Migration Governance Framework.")
                + " " + T("Once every indicator is answered, the scores are submitted for the data manager's approval like any other data (dataset Migration governance scores); an approved year is locked until a data manager reopens it."))
            html += .tag(.h2, text: T("Assessments"))
            if assessments.isEmpty {
                html += .tag(.p, text: T("No assessment yet."))
            } else {
                let rows = assessments.map { a in
                    Markup.tag(.tr, .tag(.td, .link(SiteURL.assessment(.value(a.id)), String(a.year))), .tag(.td, text: a.frameworkID),
                               .tag(.td, text: String(a.answered)), .tag(.td, text: a.status),
                               .tag(.td, a.submissionID.map { .link(SiteURL.submission(.value($0)), T("workflow")) } ?? .empty))
                }
                html += .table([.id("assessments")], head: .row([T("Year"), T("Framework"), T("Answers"), T("Status"), T("Submission")], tag: .th), rows: rows)
            }
            html += .tag(.h2, text: T("Scorecard"))
            html += ReportsPage.scorecardForm
            if canCreate && !frameworks.isEmpty {
                html += .tag(.h2, text: T("Start an assessment"))
                html += .postForm(SiteURL.assessments.path, csrf: csrf, [.id("new-assessment")],
                                  .tag(.label, .text(T("Year")), .space, .tag(.input, [.name("year"), .size(6), .required, Attribute("inputmode", "numeric")])), .space,
                                  .tag(.label, .text(T("Framework")), .space, .tag(.select, [.name("framework")], frameworks.map {
                                      .option($0.id, "\($0.title) (\($0.version))" + ($0.illustrative ? " — " + T("illustrative") : ""), selected: false)
                                  })), .space, .submit(T("Start")))
            }
            html += .tag(.h2, text: T("Frameworks"))
            html += .tag(.ul, [.id("frameworks")], frameworks.map { f in
                .tag(.li, text: "\(f.title) — \(f.code) " + T("version %@", f.version) + (f.illustrative ? " " + T("(illustrative set, not IOM's questionnaire)") : ""))
            })
            if canImport {
                html += .postForm(SiteURL.frameworks.path, csrf: csrf, [Attribute("enctype", "multipart/form-data"), .id("import-framework")],
                                  .tag(.p, text: T("Import an indicator list from a workbook: a sheet ‘indicators’ with the columns %@; optional sheets ‘scales’ (scale, option_code, label, score) and ‘framework’ (id, version, title).",
                                                   FrameworkWorkbook.indicatorColumns.joined(separator: ", "))),
                                  .tag(.label, .text(T("Workbook")), .space, .tag(.input, [.type("file"), .name("file"), .required])), .space,
                                  .tag(.label, .text("Id"), .space, .tag(.input, [.name("id"), .size(6), .value("MGI")])), .space,
                                  .tag(.label, .text(T("Version")), .space, .tag(.input, [.name("version"), .size(10)])), .space,
                                  .tag(.label, .text(T("Title")), .space, .tag(.input, [.name("title"), .size(30)])), .space,
                                  .submit(T("Import")))
            }
            return html
        }
    }
}
