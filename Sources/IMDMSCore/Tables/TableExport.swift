import Foundation

/// A table as files: an XLSX sheet laid out for people (title, styled header, indented
/// subtotals, number formats, frozen header and labels, source and footnotes) and a tidy CSV for
/// programs (one line per cell, margins included, with SDMX `OBS_STATUS` and `CONF_STATUS`).
/// Withheld cells carry no value in either: `x` in the sheet, an empty value with `Q` in the CSV.
public struct TableExport: Sendable {
    public var table: TableResult
    public var structure: DataStructure
    public var codelists: [String: Codelist]
    public var title: String
    public var notes: [String]
    /// How codes are labelled in the table and its files (the .Stat Data Explorer's choice).
    public var labels: Labels
    /// The language of the words the table adds (totals, footnotes, caption).
    public var words: Translations

    /// Names (`Maseru Bridge`), codes (`MSB`) or both (`MSB: Maseru Bridge`).
    public enum Labels: String, Sendable, CaseIterable {
        case names, codes, both
    }

    public static let withheldSymbol = "x"

    public init(table: TableResult, structure: DataStructure, codelists: [String: Codelist], title: String? = nil, notes: [String] = [],
                labels: Labels = .names, words: Translations = .english) {
        self.table = table
        self.structure = structure
        self.codelists = codelists
        self.title = title ?? structure.name
        self.notes = notes
        self.labels = labels
        self.words = words
    }

    var total: String { words.text("Total") }

    public func dimensionName(_ id: String?) -> String {
        guard let id else { return total }
        if id == TableRequest.timeDimension { return words.text("Time period") }
        return structure.dimensions.first { $0.id == id }?.name ?? id
    }

    public func label(_ code: String, _ dimensionID: String?) -> String {
        if code == TableResult.totalColumn && dimensionID == nil { return total }
        guard let dimensionID, let dimension = structure.dimensions.first(where: { $0.id == dimensionID }) else { return code }
        let name = codelists[dimension.codelistID]?[code]?.name ?? code
        switch labels {
        case .names: return name
        case .codes: return code
        case .both: return name == code ? code : "\(code): \(name)"
        }
    }

    /// The footnotes every output of the table carries.
    public var footnotes: [String] {
        var result = [words.text("Source: %@.", structure.metadata.source)]
        if let stock = table.stockPeriod { result.append(words.text("Stock at %@.", stock.formatted)) }
        if table.allCells.contains(where: \.isWithheld) {
            result.append(structure.disclosureThreshold > 1
                ? words.text("%@: withheld to protect confidentiality (a value under %@, a value sent as confidential, or one from which such a value could be worked out).",
                             Self.withheldSymbol, String(structure.disclosureThreshold))
                : words.text("%@: withheld to protect confidentiality (a value sent as confidential, or one from which such a value could be worked out).", Self.withheldSymbol))
        }
        return result + notes
    }

    public func sheet(name: String? = nil) -> XLSXWriter.Sheet {
        let request = table.request
        let hasColumns = request.columnDimension != nil
        func cell(_ c: TableResult.Cell?, total: Bool) -> XLSXWriter.Cell {
            guard let c else { return .text("") }
            if c.isWithheld { return .text(Self.withheldSymbol) }
            return c.value.map { .number($0, total ? .totalNumber : .number) } ?? .text("")
        }
        var rows: [[XLSXWriter.Cell]] = [[.text(title, .title)], [.text(caption, .note)]]
        var header: [XLSXWriter.Cell] = [.text(dimensionName(request.rowDimension), .header)]
        header += table.columns.map { .text(hasColumns ? label($0.code, request.columnDimension) : "\(structure.measure.name)", .header) }
        if hasColumns { header.append(.text(total, .header)) }
        rows.append(header)
        for row in table.rows {
            var line: [XLSXWriter.Cell] = [.text(String(repeating: "  ", count: row.depth) + label(row.code, request.rowDimension))]
            line += table.columns.map { cell(table.cell(row: row.code, column: $0.code), total: false) }
            if hasColumns { line.append(cell(table.rowTotals[row.code], total: true)) }
            rows.append(line)
        }
        var totals: [XLSXWriter.Cell] = [.text(total, .totalLabel)]
        totals += table.columns.map { cell(table.columnTotals[$0.code], total: true) }
        if hasColumns { totals.append(cell(table.grand, total: true)) }
        rows.append(totals)
        rows.append([])
        rows += footnotes.map { [.text($0, .note)] }
        let widths = [32.0] + Array(repeating: 14.0, count: table.columns.count + (hasColumns ? 1 : 0))
        return XLSXWriter.Sheet(name: name ?? structure.id, rows: rows, frozenRows: 3, frozenColumns: 1, columnWidths: widths)
    }

    /// What the table shows, in words: measure, unit, periods.
    public var caption: String {
        let request = table.request
        var text = words.measureLabel(structure.measure)
        if let start = request.startPeriod, let end = request.endPeriod { text += ", " + Period.label(from: start, to: end, monthNames: words.monthNames) }
        else if let only = request.startPeriod ?? request.endPeriod { text += ", " + only.label(monthNames: words.monthNames) }
        if let frequency = request.frequency { text += ", \(frequency.name.lowercased())" }
        return text
    }

    public func xlsx() throws -> Data { try XLSXWriter(sheets: [sheet()]).data() }

    public func csv() -> String {
        let request = table.request
        let rowDim = request.rowDimension, colDim = request.columnDimension
        var lines = [[rowDim, "\(rowDim)_LABEL", colDim ?? "COLUMN", "\(colDim ?? "COLUMN")_LABEL", "OBS_VALUE", "OBS_STATUS", "CONF_STATUS"]]
        func line(_ row: String, _ rowLabel: String, _ column: String, _ columnLabel: String, _ c: TableResult.Cell?) {
            guard let c else { return }
            let value = c.isWithheld ? "" : c.value.map(NumberText.plain) ?? ""
            lines.append([row, rowLabel, column, columnLabel, value, c.isWithheld ? "Q" : "A", c.confidentiality.rawValue])
        }
        let columns = colDim == nil ? [] : table.columns
        for row in table.rows {
            let rowLabel = label(row.code, rowDim)
            if colDim == nil {
                line(row.code, rowLabel, TableResult.totalColumn, total, table.cell(row: row.code, column: TableResult.totalColumn))
            } else {
                for column in columns { line(row.code, rowLabel, column.code, label(column.code, colDim), table.cell(row: row.code, column: column.code)) }
                line(row.code, rowLabel, TableResult.totalColumn, total, table.rowTotals[row.code])
            }
        }
        for column in columns { line(TableResult.totalColumn, total, column.code, label(column.code, colDim), table.columnTotals[column.code]) }
        line(TableResult.totalColumn, total, TableResult.totalColumn, total, colDim == nil ? table.columnTotals[TableResult.totalColumn] : table.grand)
        return lines.map { $0.map(CSVText.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

}
