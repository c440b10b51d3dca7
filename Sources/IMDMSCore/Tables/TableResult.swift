/// A computed cross-table: the codes on each axis (with their depth in the code hierarchy, for
/// subtotals), the cells, and the margins computed from the data (never by adding up shown cells,
/// which may include subtotals). Cells withheld by disclosure control have no value and a status.
public struct TableResult: Hashable, Sendable, Codable {
    public struct AxisItem: Hashable, Sendable, Codable {
        public var code: String
        /// 0 for top-level codes; a subtotal's children are one deeper.
        public var depth: Int
        public init(code: String, depth: Int) {
            self.code = code
            self.depth = depth
        }
    }

    /// Whether a value is published: SDMX `CONF_STATUS` F (free) or C (confidential: withheld).
    /// Public outputs never say whether a withheld cell is small itself or withheld to protect
    /// one: that would tell an outsider its range (docs/DECISIONS.md D39).
    public enum Confidentiality: String, Hashable, Sendable, Codable {
        case free = "F"
        case confidential = "C"
    }

    public struct Cell: Hashable, Sendable, Codable {
        public var row: String
        public var column: String
        /// nil when withheld (then `confidentiality` says why).
        public var value: Double?
        public var observationCount: Int
        public var confidentiality: Confidentiality

        public init(row: String, column: String, value: Double?, observationCount: Int, confidentiality: Confidentiality = .free) {
            self.row = row
            self.column = column
            self.value = value
            self.observationCount = observationCount
            self.confidentiality = confidentiality
        }

        public var isWithheld: Bool { confidentiality != .free }
    }

    public static let totalColumn = "_T"
    /// The code used for the margins in `rowTotals` and `columnTotals`.
    public static let totalCode = "_Z_TOTAL"

    public var request: TableRequest
    public var rows: [AxisItem]
    public var columns: [AxisItem]
    public var cells: [Cell]
    /// Per row code: the total across the columns.
    public var rowTotals: [String: Cell]
    /// Per column code: the total down the rows.
    public var columnTotals: [String: Cell]
    public var grand: Cell?
    /// For a stock dataset, the single period shown (the last in the range that has data).
    public var stockPeriod: Period?
    public var firstPeriod: Period?
    public var lastPeriod: Period?

    public init(request: TableRequest, rows: [AxisItem], columns: [AxisItem], cells: [Cell], rowTotals: [String: Cell],
                columnTotals: [String: Cell], grand: Cell?, stockPeriod: Period? = nil, firstPeriod: Period? = nil, lastPeriod: Period? = nil) {
        self.request = request
        self.rows = rows
        self.columns = columns
        self.cells = cells
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.grand = grand
        self.stockPeriod = stockPeriod
        self.firstPeriod = firstPeriod
        self.lastPeriod = lastPeriod
    }

    public var rowCodes: [String] { rows.map(\.code) }
    public var columnCodes: [String] { columns.map(\.code) }

    public func cell(row: String, column: String) -> Cell? {
        cells.first { $0.row == row && $0.column == column }
    }

    public func value(row: String, column: String) -> Double? { cell(row: row, column: column)?.value }

    public func rowTotal(_ row: String) -> Double? { rowTotals[row]?.value }

    public func columnTotal(_ column: String) -> Double? { columnTotals[column]?.value }

    public var grandTotal: Double? { grand?.value }

    public var isEmpty: Bool { cells.isEmpty }

    /// The rows that are not subtotals of the rows below them (charts, maps and "the largest"
    /// compare these, so a subtotal never competes with its own parts).
    public var leafRows: [AxisItem] {
        rows.enumerated().filter { i, row in !(i + 1 < rows.count && rows[i + 1].depth > row.depth) }.map(\.element)
    }

    /// Every cell including the margins, for disclosure control and exports.
    public var allCells: [Cell] { cells + Array(rowTotals.values) + Array(columnTotals.values) + (grand.map { [$0] } ?? []) }
}
