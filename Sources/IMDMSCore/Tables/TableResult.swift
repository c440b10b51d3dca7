/// A computed cross-table: codes on each axis (in codelist order), cell sums and totals.
public struct TableResult: Hashable, Sendable, Codable {
    public struct Cell: Hashable, Sendable, Codable {
        public var row: String
        public var column: String
        public var value: Double
        public var observationCount: Int

        public init(row: String, column: String, value: Double, observationCount: Int) {
            self.row = row
            self.column = column
            self.value = value
            self.observationCount = observationCount
        }
    }

    public static let totalColumn = "_T"

    public var request: TableRequest
    public var rowCodes: [String]
    public var columnCodes: [String]
    public var cells: [Cell]
    /// For a stock dataset, the single period shown (the last in the range that has data).
    public var stockPeriod: Period?
    public var firstPeriod: Period?
    public var lastPeriod: Period?

    public init(request: TableRequest, rowCodes: [String], columnCodes: [String], cells: [Cell],
                stockPeriod: Period? = nil, firstPeriod: Period? = nil, lastPeriod: Period? = nil) {
        self.request = request
        self.rowCodes = rowCodes
        self.columnCodes = columnCodes
        self.cells = cells
        self.stockPeriod = stockPeriod
        self.firstPeriod = firstPeriod
        self.lastPeriod = lastPeriod
    }

    public func value(row: String, column: String) -> Double? {
        cells.first { $0.row == row && $0.column == column }?.value
    }

    public func rowTotal(_ row: String) -> Double {
        cells.filter { $0.row == row }.reduce(0) { $0 + $1.value }
    }

    public func columnTotal(_ column: String) -> Double {
        cells.filter { $0.column == column }.reduce(0) { $0 + $1.value }
    }

    public var grandTotal: Double { cells.reduce(0) { $0 + $1.value } }

    public var isEmpty: Bool { cells.isEmpty }
}
