/// A merged range, 1-based and inclusive.
public struct MergedRange: Hashable, Sendable {
    public private(set) var firstRow: Int
    public private(set) var firstColumn: Int
    public private(set) var lastRow: Int
    public private(set) var lastColumn: Int

    /// Corners in any order (a file may say B5:A1).
    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = min(firstRow, lastRow)
        self.firstColumn = min(firstColumn, lastColumn)
        self.lastRow = max(firstRow, lastRow)
        self.lastColumn = max(firstColumn, lastColumn)
    }

    public func contains(row: Int, column: Int) -> Bool {
        (firstRow...lastRow).contains(row) && (firstColumn...lastColumn).contains(column)
    }
}
