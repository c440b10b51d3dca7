import FluentKit
import SQLKit

/// A partial index on the few observations a producer sent as not for publication, so that
/// finding the datasets that hold any (each needs a protected cube for the public) reads the
/// index, not every observation. Both SQLite and PostgreSQL support partial indexes.
struct M015_IndexConfidentialObservations: AsyncMigration {
    var name: String { "M015_IndexConfidentialObservations" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX observations_confidential ON observations (dataset_id) WHERE conf_status <> 'F'").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX observations_confidential").run()
    }
}
