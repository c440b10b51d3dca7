import IMDMSCore
import IMDMSStorage

/// The home page's model and its HTML.
struct HomePage {
    struct Entry {
        var structure: DataStructure
        var organisation: String
        var coverage: DatasetCoverage?
    }

    var countryName: String
    var datasets: [Entry]
    var showsSyntheticData: Bool
    /// What needs the signed-in user's attention (nil for the public).
    var pending: [Submission]? = nil
    var reference: ReferenceConfiguration? = nil
    var times: ReleaseTimeText? = nil

    func render(login: SessionRepository.Session?) -> Layout {
        Layout(title: "Migration statistics of \(countryName)", login: login) {
            var html = HTML.element("h1", "Migration statistics of \(countryName)")
            if let pending, let reference, let times, let login {
                let title = Access.reviews(login.user) ? "Waiting for you: submissions to review and approved data to publish"
                    : "Your organisation's submissions waiting for review or returned to you"
                html += HTML.container("section", [("class", "attention")],
                                       HTML.element("h2", title) + SubmissionsPage.table(pending, reference: reference, times: times, id: "attention"))
            }
            if showsSyntheticData {
                html += "<p><span class=\"badge\">Synthetic demo data</span> The figures shown are generated for demonstration and are not official statistics.</p>"
            }
            html += "<div class=\"datasets\">" + datasets.map(card).joined() + "</div>"
            return html
        }
    }

    private func card(_ entry: Entry) -> String {
        let s = entry.structure
        let coverage: String
        if let c = entry.coverage, let first = c.firstPeriod, let last = c.lastPeriod {
            coverage = "\(NumberFormat.grouped(Double(c.observationCount))) observations, \(first) to \(last)"
        } else {
            coverage = "No data yet"
        }
        return HTML.container("section", [("class", "dataset"), ("id", s.id)], [
            HTML.container("h2", [], HTML.container("a", [("href", "/datasets/\(s.id)")], HTML.escape(s.name))),
            HTML.element("p", s.metadata.description),
            HTML.container("dl", [("class", "meta-list")], [
                ("Dataset", s.id), ("Producer", entry.organisation),
                ("Frequency", s.frequency.name), ("Measure", "\(s.measure.name) (\(s.measure.unitLabel), \(s.measure.kind.rawValue))"),
                ("Dimensions", s.dimensions.map(\.name).joined(separator: ", ")),
                ("Source", s.metadata.source), ("Contact", s.metadata.contact),
                ("Methodology", s.metadata.methodology), ("Data", coverage),
            ].map { HTML.element("dt", $0.0) + HTML.element("dd", $0.1) }.joined()),
        ].joined())
    }
}
