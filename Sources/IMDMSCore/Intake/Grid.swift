/// One sheet of an incoming file as rows and columns of values: a worksheet, or a whole CSV file.
/// Merged ranges are kept so that a header merged over several columns reads the same in each.
///
/// Sparse, and read sparsely: every walk over a grid goes over the cells it holds (`shownRows`,
/// `shownColumns`, `rows(showing:)`), never over 1…`lastRow` × 1…`lastColumn` — a 5 kB sheet can
/// place one cell at XFD1048576.
public struct Grid: Sendable {
    public var name: String
    public private(set) var rows: [Int: [Int: CellValue]] = [:]
    /// The same cells by column: column → row → value.
    public private(set) var columns: [Int: [Int: CellValue]] = [:]
    public var merges: [MergedRange]
    public private(set) var lastRow = 0
    public private(set) var lastColumn = 0
    public private(set) var cellCount = 0

    public init(name: String, cells: [Cell] = [], merges: [MergedRange] = []) {
        self.name = name
        self.merges = merges
        for cell in cells { set(cell.value, row: cell.row, column: cell.column) }
    }

    public mutating func set(_ value: CellValue, row: Int, column: Int) {
        if rows[row]?[column] == nil { cellCount += 1 }
        rows[row, default: [:]][column] = value
        columns[column, default: [:]][row] = value
        lastRow = max(lastRow, row)
        lastColumn = max(lastColumn, column)
    }

    /// The value as stored (only the top-left cell of a merged range has one).
    public func value(row: Int, column: Int) -> CellValue? {
        rows[row]?[column]
    }

    /// The value a reader sees: inside a merged range, the range's top-left value.
    public func visibleValue(row: Int, column: Int) -> CellValue? {
        if let value = value(row: row, column: column) { return value }
        guard let range = merges.first(where: { $0.contains(row: row, column: column) }) else { return nil }
        return value(row: range.firstRow, column: range.firstColumn)
    }

    /// The visible text of a cell, trimmed; empty when the cell is blank.
    public func text(row: Int, column: Int) -> String {
        visibleValue(row: row, column: column)?.displayText.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    public func isBlank(row: Int) -> Bool {
        (rows[row] ?? [:]).values.allSatisfy { $0.displayText.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// The rows that show something — a value, or a merged range over them — ascending.
    public var shownRows: [Int] {
        var result = Set(rows.keys)
        for range in merges { result.formUnion(range.firstRow...range.lastRow) }
        return result.sorted()
    }

    /// The columns that show something, ascending.
    public var shownColumns: [Int] {
        var result = Set(columns.keys)
        for range in merges { result.formUnion(range.firstColumn...range.lastColumn) }
        return result.sorted()
    }

    /// The rows in which a column shows something, ascending.
    public func rows(showing column: Int) -> [Int] {
        var result = Set((columns[column] ?? [:]).keys)
        for range in merges where (range.firstColumn...range.lastColumn).contains(column) { result.formUnion(range.firstRow...range.lastRow) }
        return result.sorted()
    }

    /// The columns in which a row shows something, ascending.
    public func columns(showing row: Int) -> [Int] {
        var result = Set((rows[row] ?? [:]).keys)
        for range in merges where (range.firstRow...range.lastRow).contains(row) { result.formUnion(range.firstColumn...range.lastColumn) }
        return result.sorted()
    }

    /// A CSV file's records as a grid of text cells.
    public static func csv(name: String, records: [CSVRecord]) -> Grid {
        var grid = Grid(name: name)
        for (index, record) in records.enumerated() {
            for (column, field) in record.fields.enumerated() where !field.isEmpty {
                grid.set(.text(field), row: index + 1, column: column + 1)
            }
        }
        return grid
    }
}
