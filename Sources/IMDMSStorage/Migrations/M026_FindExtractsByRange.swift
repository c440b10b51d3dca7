import FluentKit
import SQLKit

/// The movement store keeps one index, the UNIQUE key by person (D77). An extract's crossings are
/// found by their id range instead of an index on `batch_id`, and the latest crossing by the
/// extracts' `latest` instead of an index on `crossed_at`: both indexes were written at random
/// places for every crossing stored (within a piece the crossings are in person order) and took
/// half of SQLite's time storing an extract (1M crossings: 8.5 s with them, 4.9 s without).
///
/// An extract stored before this migration has no id range. If one is still pending (its
/// derivation never finished), the kept derivation state is dropped: the next derivation then
/// starts again from the whole store, as for a store derived before D50.
struct M026_FindExtractsByRange: AsyncMigration {
    var name: String { "M026_FindExtractsByRange" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in ["first_id BIGINT", "last_id BIGINT", "latest TEXT"] {
            try await sql.raw("ALTER TABLE movement_batches ADD COLUMN \(unsafeRaw: column)").run()
        }
        try await sql.raw("""
            UPDATE movement_batches SET latest = (SELECT MAX(m.crossed_at) FROM movements m WHERE m.batch_id = movement_batches.id)
            """).run()
        struct Count: Decodable { var n: Int }
        let pending = try await sql.raw("SELECT COUNT(*) AS n FROM movement_batches WHERE added > 0 AND derived_at IS NULL")
            .first(decoding: Count.self)?.n ?? 0
        if pending > 0 { try await sql.raw("DELETE FROM settings WHERE key = \(bind: MovementDerivationJob.latestKey)").run() }
        try await sql.drop(index: "movements_by_batch").run()
        try await sql.drop(index: "movements_by_time").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "movements_by_time").on("movements").column("crossed_at").run()
        try await sql.create(index: "movements_by_batch").on("movements").column("batch_id").run()
        for column in ["latest", "last_id", "first_id"] {
            try await sql.raw("ALTER TABLE movement_batches DROP COLUMN \(ident: column)").run()
        }
    }
}
