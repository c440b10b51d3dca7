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
            HTML.element("h1", structure.name)
                + HTML.element("p", structure.metadata.description, [("class", "meta")])
                + form + tableHTML + chartHTML + metadata
        }
    }

    private var form: String {
        let dims = structure.dimensions
        let axes = dims.map { ($0.id, $0.name) } + [(TableRequest.timeDimension, "Time period")]
        let rowOptions = axes.map { HTML.option($0.0, $0.1, selected: $0.0 == request.rowDimension) }.joined()
        let colOptions = HTML.option("none", "(none)", selected: request.columnDimension == nil)
            + axes.map { HTML.option($0.0, $0.1, selected: $0.0 == request.columnDimension) }.joined()
        let frequencies = Frequency.allCases.filter { $0 <= structure.frequency }
            .map { HTML.option($0.rawValue, $0.name, selected: $0 == (request.frequency ?? structure.frequency)) }.joined()
        let filters = dims.map { dimension -> String in
            let list = Localizer.current.codelists[dimension.codelistID]
            let chosen = Set(request.filters[dimension.id] ?? [])
            let options = (list?.codes ?? []).map { HTML.option($0.id, $0.name, selected: chosen.contains($0.id)) }.joined()
            return "<label>\(HTML.escape(dimension.name)) <span class=\"meta\">\(HTML.escape(T("(none chosen: all)")))</span>"
                + "<select name=\"\(HTML.escape(dimension.id))\" multiple size=\"3\">\(options)</select></label>"
        }.joined()
        return HTML.container("form", [("class", "query"), ("method", "get"), ("action", SiteURL.dataset(.value(structure.id)).path)], [
            "<label>\(HTML.escape(T("Rows")))<select name=\"rows\">\(rowOptions)</select></label>",
            "<label>\(HTML.escape(T("Columns")))<select name=\"cols\">\(colOptions)</select></label>",
            "<label>\(HTML.escape(T("From")))<input name=\"start\" size=\"10\" value=\"\(HTML.escape(request.startPeriod?.formatted ?? ""))\" placeholder=\"\(HTML.escape(Period.example(structure.frequency)))\"></label>",
            "<label>\(HTML.escape(T("To")))<input name=\"end\" size=\"10\" value=\"\(HTML.escape(request.endPeriod?.formatted ?? ""))\"></label>",
            "<label>\(HTML.escape(T("Frequency")))<select name=\"freq\">\(frequencies)</select></label>",
            "<label>\(HTML.escape(T("Labels")))<select name=\"labels\">" + [("names", T("Names")), ("codes", T("Codes")), ("both", T("Codes and names"))]
                .map { HTML.option($0.0, $0.1, selected: $0.0 == labels.rawValue) }.joined() + "</select></label>",
            filters,
            "<button type=\"submit\">\(HTML.escape(T("Show table")))</button>",
        ].joined())
    }

    private var tableHTML: String {
        guard !table.isEmpty else {
            return "<p class=\"empty\">\(HTML.escape(T("No observations match this choice. Try another period range or fewer filters.")))</p>"
        }
        let export = TableExport(table: table, structure: structure, codelists: Localizer.current.codelists, labels: labels, words: Localizer.current.translations)
        return TableHTML(export, id: "data-table").render()
            + "<p class=\"downloads\">\(HTML.escape(T("Download:"))) <a id=\"download-xlsx\" href=\"\(HTML.escape(SiteURL.dataset(.value(structure.id), .tableXLSX).path(query: downloadQuery)))\">Excel</a> · "
            + "<a id=\"download-csv\" href=\"\(HTML.escape(SiteURL.dataset(.value(structure.id), .tableCSV).path(query: downloadQuery)))\">CSV</a></p>"
    }

    /// The table's chart, and the snippet that embeds it in another site (an image of the same query).
    private var chartHTML: String {
        guard let svg = Self.chartSVG(table: table, structure: structure, reference: reference, labels: labels) else { return "" }
        let source = "\(siteAddress)/datasets/\(structure.id)/chart.svg?\(downloadQuery)"
        let snippet = "<img src=\"\(source)\" alt=\"\(structure.measure.name) — \(structure.name)\" width=\"640\">"
        return "<figure class=\"chart\" id=\"table-chart-figure\">\(svg)</figure>"
            + "<details class=\"embed\"><summary>\(HTML.escape(T("Embed this chart")))</summary><p class=\"meta\">Paste into a web page; the chart follows the published data.</p>"
            + "<textarea id=\"embed-snippet\" readonly rows=\"3\" cols=\"80\">\(HTML.escape(snippet))</textarea></details>"
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

    private var metadata: String {
        let org = reference.organisations.first { $0.id == structure.organisationID }?.name ?? structure.organisationID
        return HTML.element("h2", T("About this dataset")) + HTML.container("dl", [("class", "meta-list")], [
            (T("Producer"), org), (T("Source"), structure.metadata.source), (T("Contact"), structure.metadata.contact),
            (T("Methodology"), structure.metadata.methodology), (T("Frequency"), structure.frequency.name),
            (T("Disclosure control"), rule),
            (T("Data held"), coverage.map { "\($0.observationCount) observations, \($0.firstPeriod ?? "") to \($0.lastPeriod ?? "")" } ?? "none"),
        ].map { HTML.element("dt", $0.0) + HTML.element("dd", $0.1) }.joined()) + ruleHTML
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
    private var ruleHTML: String {
        guard let csrf = ruleForm else { return "" }
        let note = ruleChanged ? HTML.element("p", "The rule was changed; every public output follows it from now on (the change is in the audit trail).", [("class", "notice")]) : ""
        return note + HTML.container("form", [("method", "post"), ("action", SiteURL.dataset(.value(structure.id), .disclosure).path), ("id", "disclosure-rule"), ("class", "query")], [
            "\(HTML.csrfField(csrf))",
            "<label>Disclosure threshold (0: none)<input name=\"threshold\" size=\"4\" inputmode=\"numeric\" value=\"\(structure.disclosureThreshold)\"></label>",
            "<button type=\"submit\">Change the rule</button>",
        ].joined()) + (SourceRules.datasets.contains(structure.id)
            ? HTML.container("p", [("class", "meta")], HTML.element("a", "Sources: the producer's report and traveller records compared",
                                                                   [("href", SiteURL.dataset(.value(structure.id), .sources).path), ("id", "sources-link")])
                + " · " + HTML.element("a", "Revisions: provisional estimates and the figures that stand",
                                       [("href", SiteURL.dataset(.value(structure.id), .revisions).path), ("id", "revisions-link")])) : "")
    }
}
