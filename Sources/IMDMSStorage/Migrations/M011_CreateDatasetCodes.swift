import FluentKit
import SQLKit

/// The codes ever stored per dataset and dimension position: tells the query engine which
/// dimensions mix levels (`_T` beside `F`/`M`, `FOREIGN` beside countries) and must be resolved
/// row by row; every other dimension is summed in SQL. Filled from the data already stored.
struct M011_CreateDatasetCodes: AsyncMigration {
    var name: String { "M011_CreateDatasetCodes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("dataset_codes")
            .field("dataset_id", .string, .required, .references("datasets", "id"))
            .field("position", .int, .required)
            .field("code", .string, .required)
            .unique(on: "dataset_id", "position", "code")
            .create()
        let sql = database as! any SQLDatabase
        for position in 1...8 {
            let column = SQLIdentifier("k\(position)")
            try await sql.raw("""
                INSERT INTO dataset_codes (dataset_id, position, code)
                SELECT DISTINCT dataset_id, \(literal: position), \(column) FROM observations WHERE \(column) IS NOT NULL
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dataset_codes").delete()
    }
}
