import FluentKit
import SQLKit

/// `movement_people.open_crossings`: an open person's crossings after their checkpoint, as the
/// derivation last read them (D82). The next derivation reads them from here and only the new
/// crossings from `movements`. NULL — every person before this migration, and anyone a late
/// record reopens — means "not kept": read from `movements`.
///
/// `movement_people.changes_at`: the earliest end of the data (a minute, as crossings are written)
/// at which an open person's statistics could change without a new crossing (D83). Until the data
/// reaches it, the derivation does not read them. NULL: read at the next derivation.
struct M028_KeepOpenCrossings: AsyncMigration {
    var name: String { "M028_KeepOpenCrossings" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE movement_people ADD COLUMN open_crossings TEXT").run()
        try await sql.raw("ALTER TABLE movement_people ADD COLUMN changes_at TEXT").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE movement_people DROP COLUMN changes_at").run()
        try await sql.raw("ALTER TABLE movement_people DROP COLUMN open_crossings").run()
    }
}
