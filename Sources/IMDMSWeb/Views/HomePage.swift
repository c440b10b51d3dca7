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
        Layout(title: T("Migration statistics of %@", countryName), login: login) {
            var html = HTML.element("h1", T("Migration statistics of %@", countryName))
            if let pending, let reference, let login {
                let title = Access.reviews(login.user) ? "Waiting for you: submissions to review and approved data to publish"
                    : "Your organisation's submissions waiting for review or returned to you"
                html += HTML.container("section", [("class", "attention")],
                                       HTML.element("h2", title) + SubmissionsPage.table(pending, reference: reference, times: times, id: "attention"))
            }
            if showsSyntheticData {
                html += "<p><span class=\"badge\">\(HTML.escape(T("Synthetic demo data")))</span> \(HTML.escape(T("The figures shown are generated for demonstration and are not official statistics.")))</p>"
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
            + "<p><a href=\"\(SiteURL.reports.path)\">\(HTML.escape(T("All reports")))</a></p>")
    }

    private func card(_ entry: Entry) -> String {
        let s = entry.structure
        let coverage: String
        if let c = entry.coverage, let first = c.firstPeriod, let last = c.lastPeriod {
            coverage = T("%@ observations, %@ to %@", NumberFormat.grouped(Double(c.observationCount)), first, last)
        } else {
            coverage = T("No data yet")
        }
        return HTML.container("section", [("class", "dataset"), ("id", s.id)], [
            HTML.container("h2", [], HTML.container("a", [("href", SiteURL.dataset(.value(s.id)).path)], HTML.escape(Localizer.current.translations.datasetName(s.id, english: s.name)))),
            HTML.element("p", s.metadata.description),
            HTML.container("dl", [("class", "meta-list")], [
                (T("Dataset"), s.id), (T("Producer"), entry.organisation),
                (T("Frequency"), s.frequency.name), (T("Measure"), "\(T(s.measure.name)) (\(T(s.measure.unitLabel)), \(s.measure.kind.rawValue))"),
                (T("Dimensions"), s.dimensions.map { T($0.name) }.joined(separator: ", ")),
                (T("Source"), s.metadata.source), (T("Contact"), s.metadata.contact),
                (T("Methodology"), s.metadata.methodology), (T("Data"), coverage),
                (T("Last update"), entry.calendar?.lastUpdate.map(times.format) ?? "–"),
                (T("Next release"), entry.calendar?.nextRelease.map(times.format) ?? T("Not announced")),
            ].map { HTML.element("dt", $0.0) + HTML.element("dd", $0.1) }.joined()),
            HTML.container("p", [("class", "downloads")], Self.downloads(s)),
            entry.reports.isEmpty ? "" : HTML.container("p", [("class", "reports")], HTML.escape(T("Reports:")) + " " + entry.reports.map {
                HTML.container("a", [("href", SiteURL.report(.value($0.id)).path)], HTML.escape(Localizer.current.translations.reportText($0.title)))
            }.joined(separator: " · ")),
        ].joined())
    }

    /// Links to the table builder and the dataset's downloads, all in the reader's scope.
    static func downloads(_ s: DataStructure) -> String {
        [(SiteURL.dataset(.value(s.id)).path, T("Table builder and chart")), (SiteURL.dataset(.value(s.id), .tableXLSX).path, T("Table (Excel)")),
         (SiteURL.sdmxData(s.id).path(query: "format=csv"), T("All data (SDMX-CSV)")),
         (SiteURL.sdmxData(s.id).path(query: "format=structurespecificdata"), T("All data (SDMX-ML)")),
         (SiteURL.sdmxStructure(s.id).path(query: "references=all"), T("Structure (SDMX-ML)"))]
            .map { HTML.container("a", [("href", $0.0)], HTML.escape($0.1)) }.joined(separator: " · ")
    }
}
