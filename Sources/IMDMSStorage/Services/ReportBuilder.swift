import Foundation
import IMDMSCore

/// Makes a report for a period: each section's facts (totals, their change on a year earlier,
/// the leading code, indicators), tables, charts and maps, all read through `TableReader` with
/// the reader's visibility and disclosure control, so a report never shows more than the table
/// builder would to the same person.
public struct ReportBuilder: Sendable {
    let store: Store
    let reference: ReferenceConfiguration
    let library: ReportLibrary
    let visibility: DataVisibility
    let disclosureControl: Bool
    /// The language the report is written in: its texts (`Translations.report`), the phrases the
    /// facts make, month names and code names.
    let translations: Translations
    /// The codelists with their names in that language.
    let codelists: [String: Codelist]
    /// Tables already made for this builder: facts, indicators and figures often ask the same.
    private let memo = TableMemo()

    public init(store: Store, reference: ReferenceConfiguration, library: ReportLibrary, visibility: DataVisibility, disclosureControl: Bool,
                translations: Translations = .english) {
        self.store = store
        self.reference = reference
        self.library = library
        self.visibility = visibility
        self.disclosureControl = disclosureControl
        self.translations = translations
        self.codelists = translations.codelists(reference.codelistsByID)
    }

    /// The period a report shows by default: the latest with data in its first dataset (for a
    /// seasonal report, the latest such month of its season).
    public func defaultPeriod(_ report: ReportDefinition) async throws -> Period? {
        guard let first = report.sections.first,
              let last = try await DatasetSummaryReader(store: store).coverage(visibility: visibility)[first.dataset]?.lastPeriod,
              var period = try? Period(parsing: last).converted(to: report.frequency) ?? Period(parsing: last) else { return nil }
        if let month = report.defaultMonth, report.frequency == .monthly {
            while period.subperiod != month, let previous = period.previous { period = previous }
        }
        // The whole span must have data: a festive season whose January is not in yet is not the latest.
        let lastData = try Period(parsing: last), span = max(1, report.span ?? 1)
        while period.advanced(by: span - 1).startDate > lastData.startDate {
            guard let earlier = report.defaultMonth != nil ? period.yearEarlier : period.previous else { break }
            period = earlier
        }
        return period
    }

    public func make(_ english: ReportDefinition, period: Period) async throws -> ReportDocument {
        let report = translations.report(english)
        guard period.frequency == report.frequency else {
            throw StorageError.invalid("\(report.title) is made for a \(report.frequency.name.lowercased()) period such as \(Period.example(report.frequency)), not \(period.formatted)")
        }
        let end = period.advanced(by: max(1, report.span ?? 1) - 1)
        var sections: [ReportDocument.Section] = []
        let thresholds = try await DisclosureRules(store: store).thresholds()
        for section in report.sections {
            if section.optional == true, try await total(section.dataset, [:], period, end) == nil { continue }
            sections.append(try await make(section, start: period, end: end, threshold: thresholds[section.dataset]))
        }
        let synthetic = try await SubmissionRepository(store: store).syntheticSubmissionCount() > 0
        return ReportDocument(definition: report, periodLabel: label(period, end), sections: sections,
                              generatedAt: Date(), isSynthetic: synthetic, countryName: reference.countryName)
    }

    func table(_ datasetID: String, rows: String, cols: String? = nil, filters: [String: [String]]?, start: Period, end: Period,
                       frequency: Frequency? = nil, rowCodes: [String]? = nil, columnCodes: [String]? = nil) async throws -> TableResult {
        let request = TableRequest(datasetID: datasetID, rowDimension: rows, columnDimension: cols, filters: filters ?? [:],
                                   startPeriod: start, endPeriod: end, frequency: frequency, rowCodes: rowCodes, columnCodes: columnCodes)
        if let known = await memo.tables[request] { return known }
        let made = try await TableReader(store: store).table(request, reference: reference, visibility: visibility, disclosureControl: disclosureControl)
        await memo.keep(made, for: request)
        return made
    }

    private func make(_ section: ReportDefinition.Section, start: Period, end: Period, threshold: Int?) async throws -> ReportDocument.Section {
        guard var structure = reference.structure(section.dataset).map(translations.structure) else { throw StorageError.unknownDataset(section.dataset) }
        structure.disclosureThreshold = threshold ?? structure.disclosureThreshold
        var context: [String: TemplateValue] = [
            "period": .text(label(start, end)),
            "period_year_earlier": .text(label(start.yearEarlier ?? start, end.yearEarlier ?? end)),
        ]
        var keyFigures: [ReportDocument.KeyFigure] = []
        var comparison: (MirrorComparison, periods: [String])?
        if let spec = section.mirror {
            comparison = try await mirror(spec, dataset: section.dataset, start: start, end: end)
            context["mirror"] = comparison?.0.context
        }
        for (name, fact) in (section.facts ?? [:]).sorted(by: { $0.key < $1.key }) {
            let value = try await evaluate(fact, structure: structure, start: start, end: end)
            context[name] = value
            if let label = fact.label, case let .context(fields) = value {
                keyFigures.append(.init(label: label, value: fields["value"]?.textValue ?? "", change: fields["change"]?.textValue ?? ""))
            }
        }
        let narrative = try section.narrative.map { try MustacheTemplate($0, name: section.title).render(.context(context), asText: true) } ?? ""
        var tables: [TableExport] = []
        for spec in section.tables ?? [] {
            let tableStart = spec.periods.map { end.converted(to: spec.frequency ?? end.frequency)?.advanced(by: -($0 - 1)) ?? start } ?? start
            let result = try await table(section.dataset, rows: spec.rows, cols: spec.cols, filters: spec.filters, start: tableStart, end: end,
                                         frequency: spec.frequency, rowCodes: spec.rowCodes)
            tables.append(TableExport(table: result, structure: structure, codelists: codelists, title: spec.title, words: translations))
        }
        var figures: [String] = []
        for (index, spec) in (section.charts ?? []).enumerated() {
            figures.append(try await chart(spec, structure: structure, start: start, end: end, id: "\(section.dataset.lowercased())-chart-\(index)"))
        }
        for (index, spec) in (section.maps ?? []).enumerated() {
            figures.append(try await map(spec, structure: structure, start: start, end: end, id: "\(section.dataset.lowercased())-map-\(index)"))
        }
        var made = ReportDocument.Section(title: section.title, narrative: narrative, tables: tables, figures: figures,
                                          source: translations.text("Source: %@.", structure.metadata.source))
        if let (comparison, periods) = comparison {
            made.plainTables = [comparison.table(title: section.title)]
            made.figures.insert(LineChart(data: comparison.chart(title: section.title, valueLabel: translations.measureLabel(structure.measure), categories: periods))
                .svg(id: "\(section.dataset.lowercased())-mirror"), at: 0)
            if let partner = reference.structure(section.mirror?.theirs.dataset ?? "").map(translations.structure) {
                made.source = translations.text("Sources: %@; %@.", structure.metadata.source, partner.metadata.source)
            }
        }
        made.keyFigures = keyFigures.sorted { $0.label < $1.label }
        return made
    }

    private func label(_ first: Period, _ last: Period) -> String { Period.label(from: first, to: last, monthNames: translations.monthNames) }

    // MARK: Facts

    private func total(_ datasetID: String, _ filters: [String: [String]], _ start: Period, _ end: Period) async throws -> Double? {
        guard let structure = reference.structure(datasetID) else { return nil }
        let result = try await table(datasetID, rows: structure.dimensions[0].id, filters: filters, start: start, end: end)
        return result.grandTotal
    }

    private func evaluate(_ fact: ReportDefinition.Fact, structure: DataStructure, start: Period, end: Period) async throws -> TemplateValue {
        let earlierStart = start.yearEarlier ?? start, earlierEnd = end.yearEarlier ?? end
        if let id = fact.indicator, let indicator = library.indicators[id] {
            let value = indicator.value(a: try await total(indicator.dataset, indicator.a, start, end), b: try await total(indicator.dataset, indicator.b, start, end))
            let earlier = indicator.value(a: try await total(indicator.dataset, indicator.a, earlierStart, earlierEnd),
                                          b: try await total(indicator.dataset, indicator.b, earlierStart, earlierEnd))
            let text = value.map { indicator.unit == "%" ? NumberText.percent($0) : NumberText.grouped($0) + (indicator.unit == "persons" ? "" : " \(indicator.unit)") }
            return .context(["value": .text(text ?? translations.text("not available")), "name": .text(indicator.name),
                             "value_year_earlier": .text(earlier.map(NumberText.grouped) ?? translations.text("not available"))])
        }
        if let dimension = fact.top {
            let result = try await table(structure.id, rows: dimension, filters: fact.filters, start: start, end: end)
            let best = result.leafRows.compactMap { row in result.rowTotal(row.code).map { (row.code, $0) } }.max { $0.1 < $1.1 }
            guard let best, let grand = result.grandTotal, grand > 0 else { return .context(["name": .text(translations.text("no data")), "share": .text(translations.text("no")), "value": .text(translations.text("no data"))]) }
            let export = TableExport(table: result, structure: structure, codelists: codelists, words: translations)
            return .context(["name": .text(export.label(best.0, dimension)), "code": .text(best.0),
                             "value": .text(NumberText.grouped(best.1)), "share": .text(NumberText.percent(best.1 / grand * 100))])
        }
        let filters = fact.filters ?? [:]
        let value = try await total(structure.id, filters, start, end)
        let earlier = try await total(structure.id, filters, earlierStart, earlierEnd)
        var phrase = translations.text("had no figure a year earlier to compare with")
        var change = ""
        if let value, let earlier, earlier > 0 {
            let pct = (value - earlier) / earlier * 100
            change = NumberText.percent(pct, signed: true)
            phrase = abs(pct) < 0.05 ? translations.text("did not change")
                : translations.text(pct > 0 ? "rose %@" : "fell %@", NumberText.percent(abs(pct)))
        }
        return .context(["value": .text(value.map(NumberText.grouped) ?? translations.text("not published")),
                         "value_year_earlier": .text(earlier.map(NumberText.grouped) ?? translations.text("no data")),
                         "change": .text(change), "change_phrase": .text(phrase)])
    }

    // MARK: Figures

    private func chart(_ spec: ReportDefinition.ChartSpec, structure: DataStructure, start: Period, end: Period, id: String) async throws -> String {
        let frequency = spec.frequency
        let chartStart = spec.periods.map { end.converted(to: frequency ?? end.frequency)?.advanced(by: -($0 - 1)) ?? start } ?? start
        let result = try await table(structure.id, rows: spec.rows, cols: spec.cols, filters: spec.filters, start: chartStart, end: end,
                                     frequency: frequency, rowCodes: spec.rowCodes, columnCodes: spec.colCodes)
        let export = TableExport(table: result, structure: structure, codelists: codelists, words: translations)
        var rows = spec.rows == TableRequest.timeDimension ? result.rows : result.leafRows
        if spec.kind == .bar || spec.kind == .stackedBar {
            rows = rows.filter { result.rowTotal($0.code) != nil }.sorted { (result.rowTotal($0.code) ?? 0) > (result.rowTotal($1.code) ?? 0) }
            if let limit = spec.limit { rows = Array(rows.prefix(limit)) }
        }
        if spec.kind == .pyramid { rows = rows.filter { $0.code != "_T" && $0.code != "_U" } }
        let categories = rows.map { export.label($0.code, spec.rows) }
        let series: [ChartData.Series]
        if spec.cols != nil {
            series = result.columns.map { column in
                ChartData.Series(name: export.label(column.code, spec.cols), values: rows.map { result.value(row: $0.code, column: column.code) })
            }
        } else {
            series = [ChartData.Series(name: structure.measure.name, values: rows.map { result.rowTotal($0.code) })]
        }
        let data = ChartData(title: spec.title, categories: categories, series: series, valueLabel: translations.measureLabel(structure.measure),
                             categoryLabel: export.dimensionName(spec.rows))
        switch spec.kind {
        case .bar, .stackedBar: return BarChart(data: data).svg(id: id)
        case .line: return LineChart(data: data).svg(id: id)
        case .pyramid: return PopulationPyramid(data: data).svg(id: id)
        }
    }

    private func map(_ spec: ReportDefinition.MapSpec, structure: DataStructure, start: Period, end: Period, id: String) async throws -> String {
        let result = try await table(structure.id, rows: spec.dimension, filters: spec.filters, start: start, end: end)
        var values: [String: Double] = [:]
        for row in result.leafRows { if let value = result.rowTotal(row.code) { values[row.code] = value } }
        guard let shapes = spec.kind == .districts ? library.districts : try GeoShapes.worldCountries() else {
            throw StorageError.invalid("\(spec.title): this country has no districts to draw (districts.geojson)")
        }
        return ChoroplethMap(shapes: shapes, values: values, title: spec.title, valueLabel: translations.measureLabel(structure.measure)).svg(id: id)
    }
}

/// The tables one report (or one page) has made so far.
actor TableMemo {
    var tables: [TableRequest: TableResult] = [:]
    func keep(_ table: TableResult, for request: TableRequest) { tables[request] = table }
}
