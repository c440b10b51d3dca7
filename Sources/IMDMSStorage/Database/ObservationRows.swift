import FluentSQLiteDriver
import Foundation
import IMDMSCore
import SQLKit

/// Observation rows read by column straight from the drivers, without `Codable`: SQLiteNIO's rows
/// on SQLite, column-by-column decoding on PostgreSQL. Decoding rows into a `Decodable` struct
/// through SQLKit took most of the time of the SDMX data path and of building protected cubes
/// (about 110k rows/s).
struct ObservationRows {
    /// The columns a query selects, in order: `k1`…`kN`, `period`, `value`, then `extra`.
    let dimensions: Int
    let extra: [String]

    struct Row {
        var key: [String]
        var period: String
        var value: Double?
        /// The `extra` columns' text, in order.
        var extra: [String]
    }

    func read(_ query: any SQLExpression, store: Store) async throws -> [Row] {
        let dimensions = dimensions, extra = extra
        if let sqlite = store.database as? any SQLiteDatabase {
            let (text, binds) = store.sql.serialize(query)
            let encoder = SQLiteDataEncoder()
            let rows = try await sqlite.query(text, try binds.map { try encoder.encode($0) })
            return rows.map { row in
                Row(key: (1...dimensions).map { row.column("k\($0)")?.string ?? "" },
                    period: row.column("period")?.string ?? "",
                    value: row.column("value").flatMap { $0.isNull ? nil : $0.double },
                    extra: extra.map { row.column($0)?.string ?? "" })
            }
        }
        final class Collected: @unchecked Sendable {  // filled by one connection's rows, in order
            var rows: [Row] = []
            var error: (any Error)?
        }
        let collected = Collected()
        try await store.sql.execute(sql: query) { row in
            guard collected.error == nil else { return }
            do {
                collected.rows.append(Row(
                    key: try (1...dimensions).map { try row.decode(column: "k\($0)", as: String?.self) ?? "" },
                    period: try row.decode(column: "period", as: String.self),
                    value: try row.decode(column: "value", as: Double?.self),
                    extra: try extra.map { try row.decode(column: $0, as: String.self) }))
            } catch {
                collected.error = error
            }
        }
        if let error = collected.error { throw error }
        return collected.rows
    }
}
