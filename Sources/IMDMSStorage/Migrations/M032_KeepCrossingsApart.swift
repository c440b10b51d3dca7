import FluentKit
import SQLKit

/// An open person's kept crossings (D82) in a table of their own, `movement_kept`, instead of the
/// column `movement_people.open_crossings` (D92). Opening a person — setting two small columns —
/// rewrote the whole row with the crossings kept in it: 11,441 people of a small extract dirtied
/// 22 MB of pages where the checkpoints alone take under 4 MB. No row means "not kept" (what NULL
/// meant); a row with an empty text, "kept, none".
struct M032_KeepCrossingsApart: AsyncMigration {
    var name: String { "M032_KeepCrossingsApart" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE TABLE movement_kept (pseudonym TEXT PRIMARY KEY, crossings TEXT NOT NULL)").run()
        try await sql.raw("INSERT INTO movement_kept (pseudonym, crossings) SELECT pseudonym, open_crossings FROM movement_people WHERE open_crossings IS NOT NULL").run()
        try await sql.raw("ALTER TABLE movement_people DROP COLUMN open_crossings").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE movement_people ADD COLUMN open_crossings TEXT").run()
        try await sql.raw("UPDATE movement_people SET open_crossings = (SELECT k.crossings FROM movement_kept k WHERE k.pseudonym = movement_people.pseudonym)").run()
        try await sql.raw("DROP TABLE movement_kept").run()
    }
}
