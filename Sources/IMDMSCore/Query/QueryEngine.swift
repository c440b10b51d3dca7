/// Turns stored rows into a table: periods rolled up to the target frequency (flows summed, stocks
/// at the last period), codes gathered into the axis codes that contain them (subtotals, groups
/// such as SADC, the margins), and data that mixes levels never counted twice.
///
/// The rule for mixed levels is order-free: an entry is left out of a cell when another entry of
/// the same period that also falls in the cell covers it — the same or a higher code in every
/// dimension (`FOREIGN` covers `ZAF` at the same post; `_T` covers `F`). So a reported aggregate
/// wins over its own detail, and detail counts wherever no aggregate was reported for it.
public struct QueryEngine: Sendable {
    public let structure: DataStructure
    let hierarchies: [String: CodeHierarchy]

    public init(structure: DataStructure, codelists: [String: Codelist]) {
        self.structure = structure
        var hierarchies: [String: CodeHierarchy] = [:]
        for dimension in structure.dimensions {
            if let list = codelists[dimension.codelistID] { hierarchies[dimension.id] = CodeHierarchy(list) }
        }
        self.hierarchies = hierarchies
    }

    public func hierarchy(_ dimensionID: String) -> CodeHierarchy? { hierarchies[dimensionID] }

    /// The dimensions storage must keep apart: those on an axis, and those whose stored codes
    /// (`storedCodes`, per dimension) mix levels. The rest can be summed in SQL.
    public func detailedDimensions(for request: TableRequest, storedCodes: [String: Set<String>]) -> Set<String> {
        var result = Set([request.rowDimension] + [request.columnDimension].compactMap { $0 })
        for dimension in structure.dimensions {
            let codes = storedCodes[dimension.id] ?? []
            if hierarchies[dimension.id]?.mixesLevels(codes) ?? true { result.insert(dimension.id) }
        }
        return result
    }

    /// The codes a filter on `dimensionID` must fetch: each code with what lies below it.
    public func expandedFilter(_ dimensionID: String, _ codes: [String]) -> [String] {
        guard let hierarchy = hierarchies[dimensionID] else { return codes }
        var seen = Set<String>()
        return codes.flatMap(hierarchy.expand).filter { seen.insert($0).inserted }
    }

    struct Acc {
        var value: Double
        var count: Int
        mutating func add(_ other: Acc) { value += other.value; count += other.count }
    }

    typealias Entries = [[String]: Acc]
    static let summed = "*"
    static let total = TableResult.totalCode

    public func evaluate(_ request: TableRequest, rows input: [AggregateRow]) -> TableResult {
        let isStock = structure.measure.kind == .stock
        let timeOnAxis = request.rowDimension == TableRequest.timeDimension || request.columnDimension == TableRequest.timeDimension
        var (entries, periods) = rollUp(input, to: request.frequency ?? structure.frequency, isStock: isStock)
        var stockPeriod: Period?
        if isStock && !timeOnAxis, let last = periods.last {
            stockPeriod = last
            entries = entries.filter { $0.key.last == last.formatted }
        }
        let rowItems = axis(request.rowDimension, explicit: request.rowCodes, request: request, entries: entries, periods: periods)
        let columnItems = request.columnDimension.map { axis($0, explicit: request.columnCodes, request: request, entries: entries, periods: periods) }
            ?? [TableResult.AxisItem(code: TableResult.totalColumn, depth: 0)]
        let sums = accumulate(entries, request, rowCodes: Set(rowItems.map(\.code)), columnCodes: Set(columnItems.map(\.code)),
                              lastPeriod: isStock && timeOnAxis ? periods.last?.formatted : nil)
        func cell(_ row: String, _ column: String) -> TableResult.Cell? {
            sums[[row, column]].map { TableResult.Cell(row: row, column: column, value: $0.value, observationCount: $0.count) }
        }
        let hasColumns = request.columnDimension != nil
        let cells = rowItems.flatMap { row in columnItems.compactMap { column in
            cell(row.code, hasColumns ? column.code : Self.total).map { var c = $0; c.column = column.code; return c }
        } }
        var rowTotals: [String: TableResult.Cell] = [:]
        for row in rowItems { if let c = cell(row.code, Self.total) { rowTotals[row.code] = c } }
        var columnTotals: [String: TableResult.Cell] = [:]
        for column in columnItems {
            if let c = cell(Self.total, hasColumns ? column.code : Self.total) { columnTotals[column.code] = TableResult.Cell(row: Self.total, column: column.code, value: c.value, observationCount: c.observationCount) }
        }
        return TableResult(
            request: request, rows: rowItems, columns: columnItems, cells: cells, rowTotals: rowTotals, columnTotals: columnTotals,
            grand: cell(Self.total, Self.total), stockPeriod: stockPeriod,
            firstPeriod: input.map(\.period).min(), lastPeriod: input.map(\.period).max())
    }

    /// Rows keyed by their codes and target period; for stocks, only each target period's last source period.
    private func rollUp(_ input: [AggregateRow], to target: Frequency, isStock: Bool) -> (Entries, [Period]) {
        var lastSource: [Period: Period] = [:]
        if isStock {
            for row in input {
                if let t = row.period.converted(to: target), lastSource[t].map({ $0 < row.period }) ?? true { lastSource[t] = row.period }
            }
        }
        var entries: Entries = [:]
        var periods = Set<Period>()
        for row in input {
            guard let t = row.period.converted(to: target), !isStock || lastSource[t] == row.period else { continue }
            periods.insert(t)
            entries[row.codes.map { $0 ?? Self.summed } + [t.formatted], default: Acc(value: 0, count: 0)].add(Acc(value: row.value, count: row.count))
        }
        return (entries, periods.sorted())
    }

    private func position(_ dimensionID: String) -> Int {
        dimensionID == TableRequest.timeDimension ? structure.dimensions.count : structure.position(of: dimensionID) ?? 0
    }

    /// The codes shown on an axis: as asked; else time's periods; else the codes present (only
    /// those when the dimension is filtered, otherwise with their subtotals).
    private func axis(_ dimensionID: String, explicit: [String]?, request: TableRequest, entries: Entries, periods: [Period]) -> [TableResult.AxisItem] {
        if let explicit { return explicit.map { .init(code: $0, depth: 0) } }
        if dimensionID == TableRequest.timeDimension { return periods.map { .init(code: $0.formatted, depth: 0) } }
        let at = position(dimensionID)
        let present = Set(entries.keys.map { $0[at] }).subtracting([Self.summed])
        guard let hierarchy = hierarchies[dimensionID] else { return present.sorted().map { .init(code: $0, depth: 0) } }
        if request.filters[dimensionID]?.isEmpty == false { return hierarchy.ordered(Array(present)).map { .init(code: $0, depth: 0) } }
        return hierarchy.axis(for: present)
    }

    /// For each entry, the entries of the same period that cover it (see the type's comment).
    private func coverers(_ entries: Entries) -> [[String]: [[String]]] {
        var mixed: [(Int, CodeHierarchy, Set<String>)] = []
        for (index, dimension) in structure.dimensions.enumerated() {
            let present = Set(entries.keys.map { $0[index] }).subtracting([Self.summed])
            if let hierarchy = hierarchies[dimension.id], hierarchy.mixesLevels(present) { mixed.append((index, hierarchy, present)) }
        }
        guard !mixed.isEmpty else { return [:] }
        var result: [[String]: [[String]]] = [:]
        for key in entries.keys {
            var candidates: [[String]] = [key]
            for (index, hierarchy, present) in mixed {
                let ups = hierarchy.selfAndAncestors(key[index]).filter(present.contains)
                candidates = candidates.flatMap { partial in ups.map { code in var next = partial; next[index] = code; return next } }
            }
            let found = candidates.filter { $0 != key && entries[$0] != nil }
            if !found.isEmpty { result[key] = found }
        }
        return result
    }

    /// Sums per [row code, column code], margins under `TableResult.totalCode`.
    private func accumulate(_ entries: Entries, _ request: TableRequest, rowCodes: Set<String>, columnCodes: Set<String>, lastPeriod: String?) -> Entries {
        let covering = coverers(entries)
        let rowAt = position(request.rowDimension)
        let columnAt = request.columnDimension.map(position)
        var containing: [Int: [String: [String]]] = [:]
        func targets(_ code: String, at index: Int, dimensionID: String, codes: Set<String>) -> [String] {
            if dimensionID == TableRequest.timeDimension { return codes.contains(code) ? [code] : [] }
            if let known = containing[index]?[code] { return known }
            let found = hierarchies[dimensionID]?.containing(code, among: codes) ?? (codes.contains(code) ? [code] : [])
            containing[index, default: [:]][code] = found
            return found
        }
        func within(_ code: String, _ target: String, at index: Int, dimensionID: String, codes: Set<String>) -> Bool {
            target == Self.total || targets(code, at: index, dimensionID: dimensionID, codes: codes).contains(target)
        }
        let timeAt = structure.dimensions.count
        var sums: Entries = [:]
        for (key, acc) in entries {
            var rows = targets(key[rowAt], at: rowAt, dimensionID: request.rowDimension, codes: rowCodes)
            if request.rowDimension != TableRequest.timeDimension || lastPeriod == nil || key[timeAt] == lastPeriod { rows.append(Self.total) }
            var columns = [Self.total]
            if let columnAt, let columnDimension = request.columnDimension {
                columns = targets(key[columnAt], at: columnAt, dimensionID: columnDimension, codes: columnCodes)
                if columnDimension != TableRequest.timeDimension || lastPeriod == nil || key[timeAt] == lastPeriod { columns.append(Self.total) }
            }
            let over = covering[key] ?? []
            for row in rows {
                for column in columns {
                    let covered = over.contains { other in
                        within(other[rowAt], row, at: rowAt, dimensionID: request.rowDimension, codes: rowCodes)
                            && (columnAt.map { within(other[$0], column, at: $0, dimensionID: request.columnDimension!, codes: columnCodes) } ?? true)
                    }
                    if !covered { sums[[row, column], default: Acc(value: 0, count: 0)].add(acc) }
                }
            }
        }
        return sums
    }
}

extension Period {
    /// A period before every real one, for ordering texts that fail to parse (never in practice).
    static var distantPast: Period { (try? .year(1)) ?? (try! .year(1900)) }
}
