/// Texts of an extract that matched no code, counted once per column and text over the whole file
/// (its pieces merged), reported like the ministry intake's unknown names: one line each with how
/// many rows, the first rows, and the nearest code. Only coded columns are tallied (posts,
/// directions, sexes, countries, purposes); identity columns never are.
public struct MovementUnknownValues: Sendable {
    public struct Tally: Sendable, Hashable {
        public var column: String
        public var codelistID: String
        public var text: String
        public var count: Int
        public var rows: [Int]
    }

    /// Rows quoted per text.
    public static let rowsShown = 3

    public private(set) var tallies: [String: Tally] = [:]

    public init() {}

    public var isEmpty: Bool { tallies.isEmpty }

    mutating func record(column: String, codelistID: String, text: String, row: Int) {
        let key = column + "\u{1}" + text
        var tally = tallies[key] ?? Tally(column: column, codelistID: codelistID, text: text, count: 0, rows: [])
        tally.count += 1
        if tally.rows.count < Self.rowsShown { tally.rows.append(row) }
        tallies[key] = tally
    }

    public mutating func merge(_ other: MovementUnknownValues) {
        for (key, tally) in other.tallies {
            guard var mine = tallies[key] else { tallies[key] = tally; continue }
            mine.count += tally.count
            mine.rows = Array((mine.rows + tally.rows).sorted().prefix(Self.rowsShown))
            tallies[key] = mine
        }
    }

    /// One problem per text, in the order of their first rows, with the nearest code if any.
    public func problems(codelists: [String: Codelist], aliases: [String: [String: String]] = [:]) -> [ImportProblem] {
        var suggesters: [String: CodeSuggester] = [:]
        return tallies.values.sorted { ($0.rows.first ?? 0, $0.column) < ($1.rows.first ?? 0, $1.column) }.map { tally in
            guard !tally.text.isEmpty else {
                return ImportProblem(.unknownCode, row: tally.rows.first, column: tally.column,
                                     message: "no value in \(Self.where(tally))")
            }
            var message = "not a code or name of \(tally.codelistID)"
            if let list = codelists[tally.codelistID] {
                message += " (\(list.name))"
                let suggester = suggesters[tally.codelistID] ?? CodeSuggester(codelist: list, extraAliases: aliases[tally.codelistID] ?? [:])
                suggesters[tally.codelistID] = suggester
                if let first = suggester.suggestions(for: tally.text, limit: 1).first { message += "; did you mean \(first.name) (\(first.code))?" }
            }
            message += " — \(Self.where(tally)); add it to the profile's aliases if it is one"
            return ImportProblem(.unknownCode, row: tally.rows.first, column: tally.column, value: tally.text, message: message)
        }
    }

    static func `where`(_ tally: Tally) -> String {
        let rows = tally.rows.map(String.init).joined(separator: ", ")
        return tally.count == 1 ? "row \(rows)" : "\(tally.count) rows (first \(rows))"
    }
}
