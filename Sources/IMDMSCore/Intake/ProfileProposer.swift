/// Proposes an import profile from a file alone: header cells that read ARRIVALS/DEPARTURES,
/// Basotho/Foreigners or Male/Female, a column whose values are countries, a sheet named
/// `Dec 2022`, a column of numbers. For most files the producer then only confirms or corrects.
public struct ProfileProposer: Sendable {
    public let structure: DataStructure
    let matchers: [String: CodeMatcher]
    let totalWords: Set<String> = ["total", "grandtotal", "totals", "all"]

    /// How many rows from the top are examined for headers.
    static let headerScanRows = 30

    public init(structure: DataStructure, codelists: [String: Codelist], aliases: [String: [String: String]] = [:]) {
        self.structure = structure
        var matchers: [String: CodeMatcher] = [:]
        for dimension in structure.dimensions {
            if let list = codelists[dimension.codelistID] {
                matchers[dimension.id] = CodeMatcher(codelist: list, extraAliases: aliases[list.id] ?? [:])
            }
        }
        self.matchers = matchers
    }

    /// A proposed profile and what could not be decided (empty when the proposal is complete).
    public func propose(_ grids: [Grid], codelists: [String: Codelist]) -> (profile: ImportProfile?, notes: [String]) {
        guard let grid = grids.first(where: { $0.lastRow > 0 }) else { return (nil, ["the file has no data"]) }
        var notes: [String] = []
        var sources: [String: ImportProfile.DimensionSource] = [:]
        let numeric = numericColumns(grid)
        // Header rows: rows above the data whose cells over numeric columns match one dimension.
        var headerRows: [Int] = []
        for row in grid.shownRows where row <= Self.headerScanRows {
            let texts = numeric.map { grid.text(row: row, column: $0) }.filter { !$0.isEmpty && !isTotal($0) }
            guard texts.count >= 2, let dimension = bestDimension(for: texts, excluding: Set(sources.keys), minimumShare: 0.99) else { continue }
            sources[dimension] = .headerRow(row)
            headerRows.append(row)
        }
        let firstDataRow = (headerRows.max() ?? firstNumericRow(grid, numeric).map { $0 - 1 } ?? 1) + 1
        // Label columns: columns below the header whose values match one dimension.
        var usedColumns: Set<Int> = []
        var periodSource: ImportProfile.PeriodSource?
        for column in grid.shownColumns where !numeric.contains(column) || headerRows.isEmpty {
            let values = grid.rows(showing: column).filter { $0 >= firstDataRow }.map { grid.text(row: $0, column: column) }
                .filter { !$0.isEmpty && !isTotal($0) }
            guard values.count >= 2 else { continue }
            if periodSource == nil, share(values, { PeriodText.find(in: $0, frequency: structure.frequency) != nil }) >= 0.9 {
                periodSource = .column(CellReference.name(column: column))
                usedColumns.insert(column)
            } else if let dimension = bestDimension(for: values, excluding: Set(sources.keys), minimumShare: 0.6,
                                                    header: headerText(grid, column: column, above: firstDataRow)) {
                sources[dimension] = .column(CellReference.name(column: column))
                usedColumns.insert(column)
            }
        }
        if periodSource == nil { periodSource = yearAndSubperiod(grid, firstDataRow: firstDataRow, used: &usedColumns) }
        if periodSource == nil, PeriodText.find(in: grid.name, frequency: structure.frequency) != nil { periodSource = .sheetName }
        if periodSource == nil { periodSource = titleCell(grid, before: firstDataRow) }
        if periodSource == nil { notes.append("no \(structure.frequency.name.lowercased()) period found in a column, the sheet name or a title") }
        // Value and total columns.
        var valueColumns: [String] = []
        var totalColumns: [String] = []
        for column in numeric where !usedColumns.contains(column) {
            let header = grid.rows(showing: column).filter { $0 < firstDataRow }.map { grid.text(row: $0, column: column) }.filter { !$0.isEmpty }
            if header.contains(where: isTotal) {
                totalColumns.append(CellReference.name(column: column))
            } else if isYearColumn(grid, column: column, firstDataRow: firstDataRow) {
                continue
            } else {
                valueColumns.append(CellReference.name(column: column))
            }
        }
        if valueColumns.isEmpty { notes.append("no column of numbers found") }
        for dimension in structure.dimensions where sources[dimension.id] == nil {
            if let list = codelists[dimension.codelistID], let total = list.roots.first?.id {
                sources[dimension.id] = .fixed(total)
                notes.append("\(dimension.name) is not in the file: every value is taken as \(list[total]?.name ?? total) (\(total))")
            }
        }
        guard let period = periodSource, !valueColumns.isEmpty else { return (nil, notes) }
        let profile = ImportProfile(datasetID: structure.id, firstDataRow: firstDataRow, valueColumns: valueColumns,
                                    dimensions: sources, period: period, totalColumns: totalColumns)
        return (profile, notes)
    }

    func isTotal(_ text: String) -> Bool { totalWords.contains(CodeMatcher.normalise(text)) }

    /// Columns where most non-empty cells below the top rows are numbers.
    func numericColumns(_ grid: Grid) -> [Int] {
        return grid.columns.keys.sorted().filter { column in
            let cells = Array((grid.columns[column] ?? [:]).values)
            let numbers = cells.filter { cell in
                if case .number = cell { return true }
                if case let .text(text) = cell, case .success = AdminNumberParser.parse(text) { return true }
                return false
            }
            return numbers.count >= 2 && Double(numbers.count) >= 0.6 * Double(cells.count)
        }
    }

    func firstNumericRow(_ grid: Grid, _ columns: [Int]) -> Int? {
        return grid.rows.keys.sorted().first { row in
            columns.contains { column in
                if case .number? = grid.value(row: row, column: column) { return true }
                if case let .text(text)? = grid.value(row: row, column: column), case .success = AdminNumberParser.parse(text) { return true }
                return false
            }
        }
    }

    func share(_ values: [String], _ test: (String) -> Bool) -> Double {
        values.isEmpty ? 0 : Double(values.filter(test).count) / Double(values.count)
    }

    /// The dimension whose codelist matches the most values (ties broken by the header's words).
    func bestDimension(for values: [String], excluding: Set<String>, minimumShare: Double, header: String = "") -> String? {
        let scored = structure.dimensions.filter { !excluding.contains($0.id) }.compactMap { dimension -> (String, Double)? in
            guard let matcher = matchers[dimension.id] else { return nil }
            var score = share(values) { matcher.match($0) != nil }
            let words = Set(CodeMatcher.normalise(dimension.name + " " + dimension.id).split(separator: " "))
            if !header.isEmpty && words.contains(where: { CodeMatcher.normalise(header).contains($0) }) { score += 0.001 }
            return score >= minimumShare ? (dimension.id, score) : nil
        }
        return scored.max { $0.1 < $1.1 }?.0
    }

    func headerText(_ grid: Grid, column: Int, above row: Int) -> String {
        grid.rows(showing: column).filter { $0 < row }.map { grid.text(row: $0, column: column) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    func isYearColumn(_ grid: Grid, column: Int, firstDataRow: Int) -> Bool {
        let values = grid.rows(showing: column).filter { $0 >= firstDataRow }.map { grid.text(row: $0, column: column) }.filter { !$0.isEmpty }
        return !values.isEmpty && values.allSatisfy { $0.count == 4 && Int($0).map { (1900...2999).contains($0) } == true }
    }

    /// A column of years beside a column of quarters or months.
    func yearAndSubperiod(_ grid: Grid, firstDataRow: Int, used: inout Set<Int>) -> ImportProfile.PeriodSource? {
        let columns = grid.shownColumns
        guard columns.count > 1 else { return nil }
        for yearColumn in columns where !used.contains(yearColumn) && isYearColumn(grid, column: yearColumn, firstDataRow: firstDataRow) {
            for subColumn in columns where subColumn != yearColumn && !used.contains(subColumn) {
                let rows = grid.rows(showing: yearColumn).filter { $0 >= firstDataRow && !grid.text(row: $0, column: yearColumn).isEmpty }
                let ok = !rows.isEmpty && rows.allSatisfy { row in
                    PeriodText.find(in: grid.text(row: row, column: subColumn) + " " + grid.text(row: row, column: yearColumn),
                                    frequency: structure.frequency) != nil
                }
                if ok {
                    used.formUnion([yearColumn, subColumn])
                    return .yearAndSubperiod(yearColumn: CellReference.name(column: yearColumn), subperiodColumn: CellReference.name(column: subColumn))
                }
            }
        }
        return nil
    }

    func titleCell(_ grid: Grid, before row: Int) -> ImportProfile.PeriodSource? {
        for r in grid.shownRows where r < row {
            for column in grid.columns(showing: r) where PeriodText.find(in: grid.text(row: r, column: column), frequency: structure.frequency) != nil {
                return .cell(CellReference.name(column: column) + String(r))
            }
        }
        return nil
    }
}
