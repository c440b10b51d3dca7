import FluentKit
import SQLKit

/// Crossings no longer name their extract (D80). Since D77 an extract's crossings are the id range
/// it took (`movement_batches.first_id` … `last_id`), and nothing read `movements.batch_id` any
/// more; its foreign key cost a lookup and a row lock of the extract per crossing on PostgreSQL
/// (a million crossings: 7.0 s to COPY with it, 4.0 s without) and 37 bytes a row on SQLite.
/// SQLite rewrites the table to drop the column (once, in the migration's transaction).
struct M027_DropCrossingExtractColumn: AsyncMigration {
    var name: String { "M027_DropCrossingExtractColumn" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE movements DROP COLUMN batch_id").run()
    }

    /// The column back, filled from the extracts' id ranges; a crossing stored before M026 (no
    /// range holds it) gets none, so the column comes back without NOT NULL.
    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE movements ADD COLUMN batch_id UUID REFERENCES movement_batches (id)").run()
        try await sql.raw("""
            UPDATE movements SET batch_id = (SELECT b.id FROM movement_batches b WHERE movements.id BETWEEN b.first_id AND b.last_id)
            """).run()
    }
}
