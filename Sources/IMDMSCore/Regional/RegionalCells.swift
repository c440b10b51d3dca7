/// A regional dataflow's observations made from a national dataset's published tables (D71).
/// Each regional cell is a sum of cells the same reader gets from the national table builder, or
/// a total less such cells (`"*"`); it is withheld when any of them is, so the regional output
/// never shows a number the national outputs do not already give away.
public struct RegionalCells: Sendable {
    /// Makes one national table as the reader sees it (`TableReader`, with disclosure control).
    public typealias Tables = @Sendable (TableRequest) async throws -> TableResult

    /// Which national codes one regional code stands for on a filtered dimension.
    enum Selection: Hashable {
        case codes([String])
        /// The dimension's total less these codes (empty: the total).
        case allBut([String])
    }

    struct Mapped {
        var position: Int
        var national: String
        var codes: [String: String]
        var targets: [String] { Array(Set(codes.values)).sorted() }
        var listed: [String] { codes.keys.filter { $0 != "*" }.sorted() }
        /// The national selection of a regional code.
        func selection(_ target: String) -> Selection {
            let mine = listed.filter { codes[$0] == target }
            return codes["*"] == target ? .allBut(listed.filter { codes[$0] != target }) : .codes(mine)
        }
    }

    public let target: DataStructure
    public let flow: RegionalMapping.Dataflow
    public let national: DataStructure

    public init(target: DataStructure, flow: RegionalMapping.Dataflow, national: DataStructure) {
        self.target = target
        self.flow = flow
        self.national = national
    }

    public func observations(_ tables: Tables) async throws -> [Observation] {
        var mapped: [Mapped] = [], fixed: [Int: String] = [:]
        for (position, dimension) in target.dimensions.enumerated() {
            guard let spec = flow.dimensions[dimension.id] else { continue }
            if let code = spec.code { fixed[position] = code } else if let from = spec.from, let codes = spec.codes {
                mapped.append(Mapped(position: position, national: from, codes: codes))
            }
        }
        // Down the rows: the mapped dimension with the most regional codes; the others are filters.
        let rows = mapped.max { $0.targets.count < $1.targets.count }
        let filters = mapped.filter { $0.position != rows?.position }
        var combinations: [[String]] = [[]]
        for dimension in filters { combinations = combinations.flatMap { combination in dimension.targets.map { combination + [$0] } } }
        var observations: [Observation] = []
        for combination in combinations {
            let selections = zip(filters, combination).map { ($0.national, $0.selection($1)) }
            for (row, periods) in try await figures(selections, rows: rows, tables: tables) {
                for (period, figure) in periods where figure != .none {
                    var key = Array(repeating: "", count: target.dimensions.count)
                    for (position, code) in fixed { key[position] = code }
                    for (dimension, code) in zip(filters, combination) { key[dimension.position] = code }
                    if let rows { key[rows.position] = row }
                    observations.append(figure == .withheld
                        ? Observation(key: key, period: period, value: nil, status: .suppressed, confidentiality: .confidential)
                        : Observation(key: key, period: period, value: figure.number))
                }
            }
        }
        return observations.sorted { ($0.seriesKey, $0.period) < ($1.seriesKey, $1.period) }
    }

    /// `a − b`; nothing left over (0) is no observation, as a code without data is none.
    static func leftover(_ a: PublishedFigure, _ b: PublishedFigure) -> PublishedFigure {
        let difference = a - b
        return difference == .value(0) ? .none : difference
    }

    /// Regional row code → period → figure, for national filters that may take a total less codes
    /// (expanded: total − the codes, each a table of its own).
    private func figures(_ selections: [(String, Selection)], rows: Mapped?, tables: Tables) async throws -> [String: [Period: PublishedFigure]] {
        if let index = selections.firstIndex(where: { if case let .allBut(codes) = $0.1 { !codes.isEmpty } else { false } }),
           case let .allBut(others) = selections[index].1 {
            var whole = selections, part = selections
            whole[index].1 = .allBut([])
            part[index].1 = .codes(others)
            let (a, b) = (try await figures(whole, rows: rows, tables: tables), try await figures(part, rows: rows, tables: tables))
            var result = a
            for (row, periods) in b {
                for (period, figure) in periods { result[row, default: [:]][period] = Self.leftover(a[row]?[period] ?? .none, figure) }
            }
            return result
        }
        var filters: [String: [String]] = [:]
        for (dimension, selection) in selections { if case let .codes(codes) = selection { filters[dimension] = codes } }
        // The total over the row dimension, per period.
        let totals = try await tables(TableRequest(datasetID: national.id, rowDimension: TableRequest.timeDimension, filters: filters))
        var total: [Period: PublishedFigure] = [:]
        for row in totals.rows { if let period = try? Period(parsing: row.code) { total[period] = PublishedFigure(totals.rowTotals[row.code]) } }
        guard let rows else { return ["": total] }
        let listed = rows.listed
        let table = try await tables(TableRequest(datasetID: national.id, rowDimension: rows.national, columnDimension: TableRequest.timeDimension,
                                                  filters: filters, rowCodes: listed))
        var cells: [String: [Period: PublishedFigure]] = [:]
        for cell in table.cells { if let period = try? Period(parsing: cell.column) { cells[cell.row, default: [:]][period] = PublishedFigure(cell) } }
        var result: [String: [Period: PublishedFigure]] = [:]
        for (period, whole) in total {
            var accounted = PublishedFigure.none
            for code in listed {
                let figure = cells[code]?[period] ?? .none
                result[rows.codes[code]!, default: [:]][period] = (result[rows.codes[code]!]?[period] ?? .none) + figure
                accounted = accounted + figure
            }
            if let other = rows.codes["*"] { result[other, default: [:]][period] = (result[other]?[period] ?? .none) + Self.leftover(whole, accounted) }
        }
        return result
    }
}
