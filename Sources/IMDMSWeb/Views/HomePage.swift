import IMDMSCore
import IMDMSStorage

/// The home page's model and its HTML.
struct HomePage {
    struct Entry {
        var structure: DataStructure
        var organisation: String
        var coverage: DatasetCoverage?
        var calendar: ReleaseCalendarReader.Entry? = nil
        /// The reports that draw on the dataset.
        var reports: [ReportDefinition] = []
    }

    var countryName: String
    var datasets: [Entry]
    var showsSyntheticData: Bool
    var times: ReleaseTimeText
    /// What needs the signed-in user's attention (nil for the public).
    var pending: [Submission]? = nil
    var reference: ReferenceConfiguration? = nil
    /// The latest quarter's key figures, chart and map (nil before any data is published).
    var dashboard: ReportDocument? = nil

    func render(login: SessionRepository.Session?) -> Layout {
        Layout(title: "Migration statistics of \(countryName)", login: login) {
            var html = HTML.element("h1", "Migration statistics of \(countryName)")
            if let pending, let reference, let login {
                let title = Access.reviews(login.user) ? "Waiting for you: submissions to review and approved data to publish"
                    : "Your organisation's submissions waiting for review or returned to you"
                html += HTML.container("section", [("class", "attention")],
                                       HTML.element("h2", title) + SubmissionsPage.table(pending, reference: reference, times: times, id: "attention"))
            }
            if showsSyntheticData {
                html += "<p><span class=\"badge\">Synthetic demo data</span> The figures shown are generated for demonstration and are not official statistics.</p>"
            }
            if let dashboard { html += dashboardHTML(dashboard) }
            html += "<div class=\"datasets\">" + datasets.map(card).joined() + "</div>"
            return html
        }
    }

    private func dashboardHTML(_ dashboard: ReportDocument) -> String {
        let figures = dashboard.sections.flatMap(\.keyFigures).map { figure in
            HTML.container("div", [("class", "figure")],
                HTML.element("span", figure.value, [("class", "value")]) + HTML.element("span", figure.label, [("class", "label")])
                + (figure.change.isEmpty ? "" : HTML.element("span", "\(figure.change) on a year earlier", [("class", "change")])))
        }.joined()
        let narrative = dashboard.sections.map(\.narrative).filter { !$0.isEmpty }.map { HTML.element("p", $0) }.joined()
        let drawings = dashboard.sections.flatMap(\.figures).map { "<figure>\($0)</figure>" }.joined()
        return HTML.container("section", [("class", "dashboard"), ("id", "dashboard")],
            HTML.element("h2", "\(dashboard.definition.title): \(dashboard.periodLabel)") + HTML.container("div", [("class", "figures")], figures)
            + narrative + HTML.container("div", [("class", "drawings")], drawings)
            + "<p><a href=\"/reports\">All reports</a></p>")
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
                ("Last update", entry.calendar?.lastUpdate.map(times.format) ?? "–"),
                ("Next release", entry.calendar?.nextRelease.map(times.format) ?? "Not announced"),
            ].map { HTML.element("dt", $0.0) + HTML.element("dd", $0.1) }.joined()),
            HTML.container("p", [("class", "downloads")], Self.downloads(s)),
            entry.reports.isEmpty ? "" : HTML.container("p", [("class", "reports")], "Reports: " + entry.reports.map {
                HTML.container("a", [("href", "/reports/\($0.id)")], HTML.escape($0.title))
            }.joined(separator: " · ")),
        ].joined())
    }

    /// Links to the table builder and the dataset's downloads, all in the reader's scope.
    static func downloads(_ s: DataStructure) -> String {
        [("/datasets/\(s.id)", "Table builder and chart"), ("/datasets/\(s.id)/table.xlsx", "Table (Excel)"),
         ("/sdmx/2.1/data/\(s.id)?format=csv", "All data (SDMX-CSV)"),
         ("/sdmx/2.1/data/\(s.id)?format=structurespecificdata", "All data (SDMX-ML)"),
         ("/sdmx/2.1/dataflow/all/\(s.id)?references=all", "Structure (SDMX-ML)")]
            .map { HTML.container("a", [("href", $0.0)], HTML.escape($0.1)) }.joined(separator: " · ")
    }
}
