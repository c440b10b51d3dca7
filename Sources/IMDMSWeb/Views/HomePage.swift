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
            var html = Markup.tag(.h1, text: T("Migration statistics of %@", countryName))
            if let pending, let reference, let login {
                let title = Access.reviews(login.user) ? "Waiting for you: submissions to review and approved data to publish"
                    : "Your organisation's submissions waiting for review or returned to you"
                html += .tag(.section, [.class("attention")], .tag(.h2, text: title), SubmissionsPage.table(pending, reference: reference, times: times, id: "attention"))
            }
            if showsSyntheticData {
                html += .tag(.p, .tag(.span, [.class("badge")], text: T("Synthetic demo data")), .space,
                             .text(T("The figures shown are generated for demonstration and are not official statistics.")))
            }
            if let dashboard { html += dashboardHTML(dashboard) }
            html += .tag(.div, [.class("datasets")], datasets.map(card))
            return html
        }
    }

    private func dashboardHTML(_ dashboard: ReportDocument) -> Markup {
        let figures = dashboard.sections.flatMap(\.keyFigures).map { figure in
            Markup.tag(.div, [.class("figure")], .tag(.span, [.class("value")], text: figure.value), .tag(.span, [.class("label")], text: figure.label),
                       figure.change.isEmpty ? .empty : .tag(.span, [.class("change")], text: "\(figure.change) on a year earlier"))
        }
        let narrative = dashboard.sections.map(\.narrative).filter { !$0.isEmpty }.map { Markup.tag(.p, text: $0) }
        let drawings = dashboard.sections.flatMap(\.figures).map { Markup.tag(.figure, .rendered($0, by: .chart)) }
        return .tag(.section, [.class("dashboard"), .id("dashboard")],
                    [.tag(.h2, text: "\(dashboard.definition.title): \(dashboard.periodLabel)"), .tag(.div, [.class("figures")], figures)]
                        + narrative + [.tag(.div, [.class("drawings")], drawings), .tag(.p, .link(.reports, T("All reports")))])
    }

    private func card(_ entry: Entry) -> Markup {
        let s = entry.structure
        let coverage: String
        if let c = entry.coverage, let first = c.firstPeriod, let last = c.lastPeriod {
            coverage = T("%@ observations, %@ to %@", NumberFormat.grouped(Double(c.observationCount)), first, last)
        } else {
            coverage = T("No data yet")
        }
        let reports = entry.reports.isEmpty ? Markup.empty : .tag(.p, [.class("reports")], .text(T("Reports:")), .space, entry.reports.map {
            Markup.link(SiteURL.report(.value($0.id)), Localizer.current.translations.reportText($0.title))
        }.joined(separator: .text(" · ")))
        return .tag(.section, [.class("dataset"), .id(s.id)],
            .tag(.h2, .link(SiteURL.dataset(.value(s.id)), Localizer.current.translations.datasetName(s.id, english: s.name))),
            .tag(.p, text: s.metadata.description),
            .definitions([
                (T("Dataset"), s.id), (T("Producer"), entry.organisation),
                (T("Frequency"), s.frequency.name), (T("Measure"), "\(T(s.measure.name)) (\(T(s.measure.unitLabel)), \(s.measure.kind.rawValue))"),
                (T("Dimensions"), s.dimensions.map { T($0.name) }.joined(separator: ", ")),
                (T("Source"), s.metadata.source), (T("Contact"), s.metadata.contact),
                (T("Methodology"), s.metadata.methodology), (T("Data"), coverage),
                (T("Last update"), entry.calendar?.lastUpdate.map(times.format) ?? "–"),
                (T("Next release"), entry.calendar?.nextRelease.map(times.format) ?? T("Not announced")),
            ]),
            .tag(.p, [.class("downloads")], Self.downloads(s)),
            reports)
    }

    /// Links to the table builder and the dataset's downloads, all in the reader's scope.
    static func downloads(_ s: DataStructure) -> Markup {
        [(SiteURL.dataset(.value(s.id)).path, T("Table builder and chart")), (SiteURL.dataset(.value(s.id), .tableXLSX).path, T("Table (Excel)")),
         (SiteURL.sdmxData(s.id).path(query: "format=csv"), T("All data (SDMX-CSV)")),
         (SiteURL.sdmxData(s.id).path(query: "format=structurespecificdata"), T("All data (SDMX-ML)")),
         (SiteURL.sdmxStructure(s.id).path(query: "references=all"), T("Structure (SDMX-ML)"))]
            .map { Markup.link($0.0, $0.1) }.joined(separator: .text(" · "))
    }
}
