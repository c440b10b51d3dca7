/// How one file layout maps onto one dataset: saved per producer and dataset, reused every month,
/// exportable as JSON for `imdms import --profile`. Long tables and cross-tabs are both a set of
/// value columns whose cells get their codes from columns of the same row, header rows of the
/// same column, or fixed values.
public struct ImportProfile: Codable, Sendable, Hashable {
    /// Where a dimension's code comes from.
    public enum DimensionSource: Codable, Sendable, Hashable {
        /// The cell of this column in the same row (long tables; a cross-tab's row labels).
        case column(String)
        /// The cell of this header row in the same column (cross-tab headers, merges filled).
        case headerRow(Int)
        /// One code for the whole file.
        case fixed(String)

        private enum Keys: String, CodingKey { case column, headerRow, fixed }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            if let column = try c.decodeIfPresent(String.self, forKey: .column) { self = .column(column) }
            else if let row = try c.decodeIfPresent(Int.self, forKey: .headerRow) { self = .headerRow(row) }
            else if let code = try c.decodeIfPresent(String.self, forKey: .fixed) { self = .fixed(code) }
            else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected column, headerRow or fixed")) }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            switch self {
            case let .column(column): try c.encode(column, forKey: .column)
            case let .headerRow(row): try c.encode(row, forKey: .headerRow)
            case let .fixed(code): try c.encode(code, forKey: .fixed)
            }
        }
    }

    /// Where the period comes from.
    public enum PeriodSource: Codable, Sendable, Hashable {
        case column(String)
        /// A year column and a quarter or month column (`2022` + `Q1`).
        case yearAndSubperiod(yearColumn: String, subperiodColumn: String)
        /// The sheet's name: `December 2022`, `Q1 2022`.
        case sheetName
        /// A cell such as a title: `… - November 2022`.
        case cell(String)
        case fixed(String)

        private enum Keys: String, CodingKey { case column, yearColumn, subperiodColumn, sheetName, cell, fixed }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            if let year = try c.decodeIfPresent(String.self, forKey: .yearColumn) {
                self = .yearAndSubperiod(yearColumn: year, subperiodColumn: try c.decode(String.self, forKey: .subperiodColumn))
            } else if let column = try c.decodeIfPresent(String.self, forKey: .column) { self = .column(column) }
            else if try c.decodeIfPresent(Bool.self, forKey: .sheetName) == true { self = .sheetName }
            else if let cell = try c.decodeIfPresent(String.self, forKey: .cell) { self = .cell(cell) }
            else if let fixed = try c.decodeIfPresent(String.self, forKey: .fixed) { self = .fixed(fixed) }
            else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a period source")) }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            switch self {
            case let .column(column): try c.encode(column, forKey: .column)
            case let .yearAndSubperiod(year, sub):
                try c.encode(year, forKey: .yearColumn)
                try c.encode(sub, forKey: .subperiodColumn)
            case .sheetName: try c.encode(true, forKey: .sheetName)
            case let .cell(cell): try c.encode(cell, forKey: .cell)
            case let .fixed(period): try c.encode(period, forKey: .fixed)
            }
        }
    }

    public var datasetID: String
    /// The sheets to read; `nil` reads every visible sheet.
    public var sheets: [String]?
    public var firstDataRow: Int
    /// Columns holding values (letters): one for a long table, several for a cross-tab.
    public var valueColumns: [String]
    public var dimensions: [String: DimensionSource]
    public var period: PeriodSource
    /// Columns holding row totals: not stored, checked against the row's values.
    public var totalColumns: [String]
    /// Row labels that mark total rows (not stored, checked against the rows above).
    public var totalLabels: [String]
    /// Rows whose first non-empty cell starts with one of these are skipped (notes, sources).
    public var ignoreRowsStartingWith: [String]
    /// What an empty value cell means.
    public var blankCells: BlankCells
    /// Per codelist, texts of this layout confirmed as codes (`"Ficksburg Bridge (Maputsoe)": "MPT"`).
    public var aliases: [String: [String: String]]
    /// The header texts of the file the profile was saved from (see `signature(of:)`): a new file
    /// with the same signature has the same shape, and the profile applies without asking.
    public var signature: String?

    public enum BlankCells: String, Codable, Sendable, Hashable {
        /// Nothing was reported for that key: no observation is stored (the default).
        case skip
        /// The producer leaves zeros blank: store 0.
        case zero
        /// Every value must be filled in: report each blank cell.
        case error
    }

    public init(
        datasetID: String, sheets: [String]? = nil, firstDataRow: Int, valueColumns: [String],
        dimensions: [String: DimensionSource], period: PeriodSource, totalColumns: [String] = [],
        totalLabels: [String] = ["Total", "Grand total", "All"], ignoreRowsStartingWith: [String] = ["Source", "Note", "*"],
        blankCells: BlankCells = .skip, aliases: [String: [String: String]] = [:], signature: String? = nil
    ) {
        self.datasetID = datasetID
        self.sheets = sheets
        self.firstDataRow = firstDataRow
        self.valueColumns = valueColumns
        self.dimensions = dimensions
        self.period = period
        self.totalColumns = totalColumns
        self.totalLabels = totalLabels
        self.ignoreRowsStartingWith = ignoreRowsStartingWith
        self.blankCells = blankCells
        self.aliases = aliases
        self.signature = signature
    }

    /// The normalised texts of the header rows and the line above the data, in the label and
    /// value columns: what stays the same from one month's file to the next.
    public func signature(of grid: Grid) -> String {
        var rows = Set<Int>()
        for source in dimensions.values { if case let .headerRow(row) = source { rows.insert(row) } }
        if firstDataRow > 1 { rows.insert(firstDataRow - 1) }
        var columns = valueColumns.compactMap(CellReference.column) + totalColumns.compactMap(CellReference.column)
        for source in dimensions.values { if case let .column(letters) = source, let column = CellReference.column(letters) { columns.append(column) } }
        return rows.sorted().map { row in
            Set(columns).sorted().map { CodeMatcher.normalise(grid.text(row: row, column: $0)).filter { !$0.isNumber } }.joined(separator: "|")
        }.joined(separator: "/")
    }
}
