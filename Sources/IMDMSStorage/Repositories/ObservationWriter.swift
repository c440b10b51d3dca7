import Foundation
import IMDMSCore
import SQLKit

/// Writes observations in multi-row INSERT statements through SQLKit, on whatever connection
/// (usually a transaction) it is given. Fluent's per-model path is ~5× slower for this volume.
struct ObservationWriter {
    /// Rows per statement: 17 binds a row stays far below SQLite's 32,766 and PostgreSQL's 65,535.
    static let rowsPerStatement = 500
    static let columns = ["submission_id", "dataset_id", "series_key"] + (1...8).map { "k\($0)" }
        + ["period", "period_start", "period_end", "value", "obs_status", "conf_status"]

    let sql: any SQLDatabase

    func insert(_ observations: [Observation], submissionID: UUID, datasetID: String) async throws {
        var start = 0
        while start < observations.count {
            let end = min(start + Self.rowsPerStatement, observations.count)
            let builder = sql.insert(into: "observations").columns(Self.columns)
            for observation in observations[start..<end] {
                builder.values(Self.row(observation, submissionID: submissionID, datasetID: datasetID))
            }
            try await builder.run()
            start = end
        }
    }

    static func row(_ o: Observation, submissionID: UUID, datasetID: String) -> [any Encodable & Sendable] {
        var values: [any Encodable & Sendable] = [submissionID, datasetID, o.seriesKey]
        for position in 0..<8 {
            values.append(position < o.key.count ? Optional(o.key[position]) : String?.none)
        }
        values += [o.period.formatted, o.period.startDate, o.period.endDate, o.value, o.status.rawValue, o.confidentiality.rawValue]
        return values
    }
}
