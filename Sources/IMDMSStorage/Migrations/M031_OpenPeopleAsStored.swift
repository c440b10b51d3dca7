import FluentKit
import SQLKit

/// `movement_batches.people_opened_after`: on SQLite an extract's people are opened (D50) in the
/// transaction that stores it, against the last crossing the kept state was then derived to,
/// which this column records (D91). The derivation takes an extract as opened only when that is
/// still its own starting point; NULL — every extract before this migration, every extract on
/// PostgreSQL, the first one of a store — means "open its people in the derivation", as before.
struct M031_OpenPeopleAsStored: AsyncMigration {
    var name: String { "M031_OpenPeopleAsStored" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE movement_batches ADD COLUMN people_opened_after TEXT").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE movement_batches DROP COLUMN people_opened_after").run()
    }
}
