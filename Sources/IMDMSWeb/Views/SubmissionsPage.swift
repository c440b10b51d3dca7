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
            var html = HTML.element("h1", T("Submissions"))
            let statuses = HTML.option("", T("any state"), selected: status == nil)
                + SubmissionStatus.allCases.map { HTML.option($0.rawValue, $0.rawValue, selected: $0 == status) }.joined()
            let datasets = HTML.option("", T("any dataset"), selected: datasetID == nil)
                + reference.structures.map { HTML.option($0.id, Localizer.current.translations.datasetName($0.id, english: $0.name), selected: $0.id == datasetID) }.joined()
            html += "<form method=\"get\" action=\"\(SiteURL.submissions.path)\" class=\"filters\"><select name=\"status\">\(statuses)</select> "
                + "<select name=\"dataset\">\(datasets)</select> <button type=\"submit\">\(HTML.escape(T("Show")))</button></form>"
            html += Self.table(submissions, reference: reference, times: times, id: "submissions")
            return html
        }
    }

    /// A table of submissions linking to each; shared with the home page's "needs attention".
    static func table(_ submissions: [Submission], reference: ReferenceConfiguration, times: ReleaseTimeText, id: String) -> String {
        guard !submissions.isEmpty else { return HTML.element("p", T("None."), [("id", id)]) }
        var html = "<table class=\"data\" id=\"\(HTML.escape(id))\"><thead><tr>"
            + [T("Received"), T("Dataset"), T("From"), T("File"), T("Observations"), T("State")].map { HTML.element("th", $0) }.joined() + "</tr></thead><tbody>"
        for s in submissions {
            let link = HTML.container("a", [("href", SiteURL.submission(.value(s.id)).path)], HTML.escape(times.format(s.createdAt)))
            html += "<tr>" + HTML.container("td", [], link) + HTML.element("td", reference.structure(s.datasetID).map { Localizer.current.translations.datasetName($0.id, english: $0.name) } ?? s.datasetID)
                + HTML.element("td", s.organisationID) + HTML.element("td", s.source?.name ?? s.channel.rawValue)
                + HTML.element("td", NumberFormat.grouped(Double(s.observationCount)))
                + HTML.container("td", [], HTML.element("span", s.status.rawValue, [("class", "status status-\(s.status.rawValue)")])) + "</tr>"
        }
        return html + "</tbody></table>"
    }
}
