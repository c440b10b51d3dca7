import FluentKit
import FluentPostgresDriver
import Foundation
import IMDMSCore
import SQLKit

/// Writes observations on whatever connection it is given (usually the storing transaction):
/// PostgreSQL `COPY … FROM STDIN` there (~20× multi-row INSERTs), multi-row INSERT statements
/// through SQLKit on SQLite.
struct ObservationWriter {
    /// Rows per INSERT statement: 17 binds a row stays far below SQLite's 32,766 bind limit.
    static let rowsPerStatement = 500
    /// Rows per COPY data message.
    static let rowsPerCopyChunk = 5_000
    static let columns = ["submission_id", "dataset_id", "series_key"] + (1...8).map { "k\($0)" }
        + ["period", "period_start", "period_end", "value", "obs_status", "conf_status"]

    let database: any Database

    func insert(_ observations: [Observation], submissionID: UUID, datasetID: String) async throws {
        if let postgres = database as? any PostgresDatabase {
            try await copy(observations, submissionID: submissionID, datasetID: datasetID, into: postgres)
            return
        }
        let sql = database as! any SQLDatabase
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

    /// COPY in PostgreSQL's text format: tab-separated, `\N` for NULL, backslash escapes.
    private func copy(_ observations: [Observation], submissionID: UUID, datasetID: String, into postgres: any PostgresDatabase) async throws {
        let logger = database.logger
        try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await connection.copyFrom(table: "observations", columns: Self.columns, logger: logger) { writer in
                    var start = 0
                    while start < observations.count {
                        let end = min(start + Self.rowsPerCopyChunk, observations.count)
                        var text = ""
                        for o in observations[start..<end] { Self.appendCopyLine(o, submissionID: submissionID, datasetID: datasetID, to: &text) }
                        try await writer.write(ByteBuffer(string: text))
                        start = end
                    }
                }
            }
        }.get()
    }

    static func appendCopyLine(_ o: Observation, submissionID: UUID, datasetID: String, to text: inout String) {
        var fields = [submissionID.uuidString, escape(datasetID), escape(o.seriesKey)]
        for position in 0..<8 { fields.append(position < o.key.count ? escape(o.key[position]) : "\\N") }
        fields += [o.period.formatted, o.period.startDate, o.period.endDate, o.value.map { String($0) } ?? "\\N",
                   o.status.rawValue, o.confidentiality.rawValue]
        text += fields.joined(separator: "\t")
        text += "\n"
    }

    static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return value }
        return value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }
}
