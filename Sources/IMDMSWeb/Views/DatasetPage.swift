import Foundation
import IMDMSCore
import IMDMSStorage

/// A dataset page's model and its HTML: the query form, the table and the metadata.
struct DatasetPage {
    var structure: DataStructure
    var reference: ReferenceConfiguration
    var request: TableRequest
    var table: TableResult
    var coverage: DatasetCoverage?
    /// The CSRF token when the reader may change the disclosure rule (data managers, administrators).
    var ruleForm: String?
    var ruleChanged = false
    /// Codes labelled by names, codes or both (`labels=`).
    var labels: TableExport.Labels = .names
    /// The site's address, for the chart's embed snippet.
    var siteAddress: String = ""

    func render(login: SessionRepository.Session?) -> Layout {
        Layout(title: structure.name, login: login) {
            .tag(.h1, text: structure.name) + .tag(.p, [.class("meta")], text: structure.metadata.description) + form + tableHTML + chartHTML + metadata
        }
    }

    private var form: Markup {
        let dims = structure.dimensions
        let axes = dims.map { ($0.id, $0.name) } + [(TableRequest.timeDimension, "Time period")]
        let rowOptions = axes.map { Markup.option($0.0, $0.1, selected: $0.0 == request.rowDimension) }
        let colOptions = [Markup.option("none", "(none)", selected: request.columnDimension == nil)]
            + axes.map { Markup.option($0.0, $0.1, selected: $0.0 == request.columnDimension) }
        let frequencies = Frequency.allCases.filter { $0 <= structure.frequency }
            .map { Markup.option($0.rawValue, $0.name, selected: $0 == (request.frequency ?? structure.frequency)) }
        let filters = dims.map { dimension -> Markup in
            let chosen = Set(request.filters[dimension.id] ?? [])
            let options = (Localizer.current.codelists[dimension.codelistID]?.codes ?? []).map { Markup.option($0.id, $0.name, selected: chosen.contains($0.id)) }
            return .tag(.label, .text(dimension.name), .space, .tag(.span, [.class("meta")], text: T("(none chosen: all)")),
                        .tag(.select, [.name(dimension.id), .multiple, .size(3)], options))
        }
        let labelChoices = [("names", T("Names")), ("codes", T("Codes")), ("both", T("Codes and names"))].map { Markup.option($0.0, $0.1, selected: $0.0 == labels.rawValue) }
        return .element(.form, [.class("query"), .method("get"), .action(SiteURL.dataset(.value(structure.id)).path)], [
            .tag(.label, .text(T("Rows")), .tag(.select, [.name("rows")], rowOptions)),
            .tag(.label, .text(T("Columns")), .tag(.select, [.name("cols")], colOptions)),
            .tag(.label, .text(T("From")), .tag(.input, [.name("start"), .size(10), .value(request.startPeriod?.formatted ?? ""), .placeholder(Period.example(structure.frequency))])),
            .tag(.label, .text(T("To")), .tag(.input, [.name("end"), .size(10), .value(request.endPeriod?.formatted ?? "")])),
            .tag(.label, .text(T("Frequency")), .tag(.select, [.name("freq")], frequencies)),
            .tag(.label, .text(T("Labels")), .tag(.select, [.name("labels")], labelChoices)),
        ] + filters + [.submit(T("Show table"))])
    }

    private var tableHTML: Markup {
        guard !table.isEmpty else {
            return .tag(.p, [.class("empty")], text: T("No observations match this choice. Try another period range or fewer filters."))
        }
        let export = TableExport(table: table, structure: structure, codelists: Localizer.current.codelists, labels: labels, words: Localizer.current.translations)
        return TableHTML(export, id: "data-table").render()
            + .tag(.p, [.class("downloads")], .text(T("Download:")), .space,
                   .link(SiteURL.dataset(.value(structure.id), .tableXLSX).path(query: downloadQuery), "Excel", [.id("download-xlsx")]), .text(" · "),
                   .link(SiteURL.dataset(.value(structure.id), .tableCSV).path(query: downloadQuery), "CSV", [.id("download-csv")]))
    }

    /// The table's chart, and the snippet that embeds it in another site (an image of the same query).
    private var chartHTML: Markup {
        guard let svg = Self.chartSVG(table: table, structure: structure, reference: reference, labels: labels) else { return .empty }
        let source = siteAddress + SiteURL.dataset(.value(structure.id), .chart).path(query: downloadQuery)
        let snippet = Markup.tag(.img, [Attribute("src", source), Attribute("alt", "\(structure.measure.name) — \(structure.name)"), Attribute("width", "640")])
        return .tag(.figure, [.class("chart"), .id("table-chart-figure")], .rendered(svg, by: .chart))
            + .tag(.details, [.class("embed")], .tag(.summary, text: T("Embed this chart")),
                   .tag(.p, [.class("meta")], text: "Paste into a web page; the chart follows the published data."),
                   .tag(.textarea, [.id("embed-snippet"), .readonly, Attribute("rows", "3"), Attribute("cols", "80")], text: snippet.html))
    }

    /// The table as a chart: a line over time when time is on the rows, otherwise bars for the
    /// (at most 20 largest) rows, stacked by the columns when there are few. Nil for an empty table.
    static func chartSVG(table: TableResult, structure: DataStructure, reference: ReferenceConfiguration, labels: TableExport.Labels) -> String? {
        guard !table.isEmpty else { return nil }
        let request = table.request
        let export = TableExport(table: table, structure: structure, codelists: Localizer.current.codelists, labels: labels, words: Localizer.current.translations)
        let rowDim = request.rowDimension, colDim = request.columnDimension
        let isTime = rowDim == TableRequest.timeDimension
        var rows = table.leafRows
        if !isTime { rows = Array(rows.filter { table.rowTotal($0.code) != nil }.sorted { (table.rowTotal($0.code) ?? 0) > (table.rowTotal($1.code) ?? 0) }.prefix(20)) }
        let stacked = colDim != nil && table.columns.count <= 6
        let series: [ChartData.Series] = stacked || (isTime && colDim != nil)
            ? table.columns.map { column in .init(name: export.label(column.code, colDim), values: rows.map { table.value(row: $0.code, column: column.code) }) }
            : [.init(name: structure.measure.name, values: rows.map { table.rowTotal($0.code) })]
        let data = ChartData(title: "\(structure.measure.name) by \(export.dimensionName(rowDim).lowercased())", categories: rows.map { export.label($0.code, rowDim) },
                             series: series, valueLabel: Localizer.current.translations.measureLabel(structure.measure), categoryLabel: export.dimensionName(rowDim))
        return isTime ? LineChart(data: data).svg(id: "table-chart") : BarChart(data: data).svg(id: "table-chart")
    }

    /// The query string that reproduces this table.
    var downloadQuery: String {
        var parts = [("rows", request.rowDimension), ("cols", request.columnDimension ?? "none")]
        if let start = request.startPeriod { parts.append(("start", start.formatted)) }
        if let end = request.endPeriod { parts.append(("end", end.formatted)) }
        if let frequency = request.frequency { parts.append(("freq", frequency.rawValue)) }
        for (dimension, codes) in request.filters.sorted(by: { $0.key < $1.key }) { parts.append((dimension, codes.joined(separator: ","))) }
        if labels != .names { parts.append(("labels", labels.rawValue)) }
        return parts.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
    }

    private var metadata: Markup {
        let org = reference.organisations.first { $0.id == structure.organisationID }?.name ?? structure.organisationID
        return .tag(.h2, text: T("About this dataset")) + .definitions([
            (T("Producer"), org), (T("Source"), structure.metadata.source), (T("Contact"), structure.metadata.contact),
            (T("Methodology"), structure.metadata.methodology), (T("Frequency"), structure.frequency.name),
            (T("Disclosure control"), rule),
            (T("Data held"), coverage.map { "\($0.observationCount) observations, \($0.firstPeriod ?? "") to \($0.lastPeriod ?? "")" } ?? "none"),
        ]) + ruleHTML
    }

    /// The rule in words, as every public output applies it.
    var rule: String {
        let confidential = "values a producer sends as confidential are withheld"
        guard structure.disclosureThreshold > 1 else { return "No threshold; \(confidential)." }
        return "Cells with a value from 1 to \(structure.disclosureThreshold - 1) and \(confidential); so are the cells from which any of "
            + "them could be worked out (hypercube method: no combination of published tables, reports or SDMX data fixes a withheld value). "
            + "Withheld cells show as x (SDMX: OBS_STATUS Q, CONF_STATUS C)."
    }

    /// A data manager's form to change the threshold.
    private var ruleHTML: Markup {
        guard let csrf = ruleForm else { return .empty }
        let note = ruleChanged ? Markup.tag(.p, [.class("notice")], text: "The rule was changed; every public output follows it from now on (the change is in the audit trail).") : .empty
        let links = SourceRules.datasets.contains(structure.id)
            ? Markup.tag(.p, [.class("meta")],
                         .link(SiteURL.dataset(.value(structure.id), .sources), "Sources: the producer's report and traveller records compared", [.id("sources-link")]),
                         .text(" · "),
                         .link(SiteURL.dataset(.value(structure.id), .revisions), "Revisions: provisional estimates and the figures that stand", [.id("revisions-link")]))
            : .empty
        return note + .postForm(SiteURL.dataset(.value(structure.id), .disclosure).path, csrf: csrf, [.id("disclosure-rule"), .class("query")],
                                .tag(.label, .text("Disclosure threshold (0: none)"),
                                     .tag(.input, [.name("threshold"), .size(4), Attribute("inputmode", "numeric"), .value(String(structure.disclosureThreshold))])),
                                .submit("Change the rule")) + links
    }
}
