import IMDMSCore
import IMDMSStorage

/// The list of submissions with filters by state and dataset.
struct SubmissionsPage {
    var submissions: [Submission]
    var status: SubmissionStatus?
    var datasetID: String?
    var reference: ReferenceConfiguration
    var times: ReleaseTimeText

    func render(login: SessionRepository.Session) -> Layout {
        Layout(title: T("Submissions"), login: login) {
            let statuses = [Markup.option("", T("any state"), selected: status == nil)]
                + SubmissionStatus.allCases.map { Markup.option($0.rawValue, $0.rawValue, selected: $0 == status) }
            let datasets = [Markup.option("", T("any dataset"), selected: datasetID == nil)]
                + reference.structures.map { Markup.option($0.id, Localizer.current.translations.datasetName($0.id, english: $0.name), selected: $0.id == datasetID) }
            return .tag(.h1, text: T("Submissions"))
                + .tag(.form, [.method("get"), .action(SiteURL.submissions.path), .class("filters")],
                       .tag(.select, [.name("status")], statuses), .space, .tag(.select, [.name("dataset")], datasets), .space, .submit(T("Show")))
                + Self.table(submissions, reference: reference, times: times, id: "submissions")
        }
    }

    /// A table of submissions linking to each; shared with the home page's "needs attention".
    static func table(_ submissions: [Submission], reference: ReferenceConfiguration, times: ReleaseTimeText, id: String) -> Markup {
        guard !submissions.isEmpty else { return .tag(.p, [.id(id)], text: T("None.")) }
        let rows = submissions.map { s -> Markup in
            let dataset = reference.structure(s.datasetID).map { Localizer.current.translations.datasetName($0.id, english: $0.name) } ?? s.datasetID
            return .tag(.tr, .tag(.td, .link(SiteURL.submission(.value(s.id)), times.format(s.createdAt))), .tag(.td, text: dataset),
                        .tag(.td, text: s.organisationID), .tag(.td, text: s.source?.name ?? s.channel.rawValue),
                        .tag(.td, text: NumberFormat.grouped(Double(s.observationCount))),
                        .tag(.td, .tag(.span, [.class("status status-\(s.status.rawValue)")], text: s.status.rawValue)))
        }
        return .table([.class("data"), .id(id)],
                      head: .row([T("Received"), T("Dataset"), T("From"), T("File"), T("Observations"), T("State")], tag: .th), rows: rows)
    }
}
