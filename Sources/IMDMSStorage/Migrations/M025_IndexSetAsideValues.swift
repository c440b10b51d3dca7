import FluentKit
import SQLKit

/// The values set aside by a source rule (D47), found without reading the dataset: every store of a
/// dataset that can have two sources brings the marks of its periods up to date, and clearing them
/// read every value of those periods (a first extract's BORDER_CROSSINGS: 260,000 values, about
/// half a second) to find the few — usually none — that were marked. Partial indexes: they hold
/// only the marked rows.
struct M025_IndexSetAsideValues: AsyncMigration {
    var name: String { "M025_IndexSetAsideValues" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in ["observations", "observation_rollups"] {
            try await sql.raw("CREATE INDEX \(ident: table + "_set_aside") ON \(ident: table) (dataset_id, period_start) WHERE set_aside = TRUE").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in ["observations", "observation_rollups"] { try await sql.raw("DROP INDEX \(ident: table + "_set_aside")").run() }
    }
}
