import FluentSQLiteDriver
import Foundation
import IMDMSCore
import SQLKit

/// Observations read from SQLite as one text: each row of the inner query becomes the line
/// `series_key period value obs_status conf_status` (the value printed with 17 significant digits,
/// so it reads back as the same double; empty when missing), and SQLite joins them in key and
/// period order. The lines are split here with the codes and periods interned: a year of border
/// crossings (537,600 observations) is 22 MB of text and a handful of distinct codes.
struct ObservationLines {
    /// The line of one observation (columns of alias `o`).
    /// (`%!.17g`: SQLite's printf gives 16 digits without the `!`; NULL would print as 0.)
    static let lineExpression = "o.series_key || ' ' || o.period || ' ' || CASE WHEN o.value IS NULL THEN '' ELSE printf('%!.17g', o.value) END"
        + " || ' ' || o.obs_status || ' ' || o.conf_status"

    let datasetID: String
    let dimensions: Int

    /// `query` selects `line`, `sk` (series key) and `ps` (period start).
    func read(_ query: any SQLExpression, store: Store) async throws -> [Observation] {
        guard let sqlite = store.database as? any SQLiteDatabase else { throw StorageError.inconsistentReference("ObservationLines reads SQLite only") }
        let (inner, binds) = store.sql.serialize(query)
        let text = "SELECT group_concat(line, char(10) ORDER BY sk, ps) AS lines FROM (\(inner))"
        let encoder = SQLiteDataEncoder()
        let rows = try await sqlite.query(text, try binds.map { try encoder.encode($0) })
        guard let lines = rows.first?.column("lines")?.string, !lines.isEmpty else { return [] }
        return try parse(lines)
    }

    func parse(_ lines: String) throws -> [Observation] {
        var codes: [Substring: String] = [:]
        var periods = StoredPeriods(datasetID: datasetID)
        var periodTexts: [Substring: String] = [:]
        var observations: [Observation] = []
        func intern(_ part: Substring) -> String {
            if let known = codes[part] { return known }
            let made = String(part)
            codes[part] = made
            return made
        }
        for line in lines.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 5 else { throw StorageError.inconsistentReference("an observation of \(datasetID) could not be read back: ‘\(line.prefix(80))’") }
            let key = fields[0].split(separator: ".", omittingEmptySubsequences: false).map(intern)
            guard key.count == dimensions else { throw StorageError.inconsistentReference("an observation of \(datasetID) has the series key ‘\(fields[0])’") }
            let periodText: String
            if let known = periodTexts[fields[1]] { periodText = known } else {
                periodText = String(fields[1])
                periodTexts[fields[1]] = periodText
            }
            observations.append(Observation(
                key: key, period: try periods.period(periodText), value: fields[2].isEmpty ? nil : Double(fields[2]),
                status: ObservationStatus(rawValue: String(fields[3])) ?? .normal,
                confidentiality: ConfidentialityStatus(rawValue: String(fields[4])) ?? .free))
        }
        return observations
    }
}
