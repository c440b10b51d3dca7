import FluentSQLiteDriver
import Foundation
import IMDMSCore
import SQLKit

/// Observation rows read by column (`QueryRow`): decoding them into a `Decodable` struct through
/// SQLKit took most of the time of the SDMX data path and of building protected cubes (about 110k rows/s).
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
        return try await QueryRow.read(query, on: store.database) { row in
            Row(key: try (1...dimensions).map { try row.string("k\($0)") ?? "" },
                period: try row.string("period") ?? "",
                value: try row.double("value"),
                extra: try extra.map { try row.string($0) ?? "" })
        }
    }
}
