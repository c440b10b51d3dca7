/// One non-empty cell: 1-based row and column.
public struct Cell: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var value: CellValue

    public init(row: Int, column: Int, value: CellValue) {
        self.row = row
        self.column = column
        self.value = value
    }

    /// `A1`-style reference.
    public var reference: String { CellReference.name(column: column) + String(row) }
}
