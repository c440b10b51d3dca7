import FluentKit
import SQLKit

/// An open person's kept crossings (D82) in a table of their own, `movement_kept`, instead of the
/// column `movement_people.open_crossings` (D92). Opening a person — setting two small columns —
/// rewrote the whole row with the crossings kept in it: 11,441 people of a small extract dirtied
/// 22 MB of pages where the checkpoints alone take under 4 MB. No row means "not kept" (what NULL
/// meant); a row with an empty text, "kept, none". `movement_people` is made again with its rows
/// copied: SQLite's DROP COLUMN leaves each row on its page, and the people would still be spread
/// over as many pages as before (6,660 pages in the 2.5M benchmark store; made again, 1,006).
struct M032_KeepCrossingsApart: AsyncMigration {
    var name: String { "M032_KeepCrossingsApart" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE TABLE movement_kept (pseudonym TEXT PRIMARY KEY, crossings TEXT NOT NULL)").run()
        try await sql.raw("INSERT INTO movement_kept (pseudonym, crossings) SELECT pseudonym, open_crossings FROM movement_people WHERE open_crossings IS NOT NULL").run()
        try await sql.raw("""
            CREATE TABLE movement_people_compact (pseudonym TEXT PRIMARY KEY, settled_until TEXT NOT NULL, resident BOOLEAN,
                                                  open BOOLEAN NOT NULL, changes_at TEXT)
            """).run()
        try await sql.raw("""
            INSERT INTO movement_people_compact (pseudonym, settled_until, resident, open, changes_at)
            SELECT pseudonym, settled_until, resident, open, changes_at FROM movement_people ORDER BY pseudonym
            """).run()
        try await sql.raw("DROP TABLE movement_people").run()
        try await sql.raw("ALTER TABLE movement_people_compact RENAME TO movement_people").run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE movement_people RENAME CONSTRAINT movement_people_compact_pkey TO movement_people_pkey").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE movement_people ADD COLUMN open_crossings TEXT").run()
        try await sql.raw("UPDATE movement_people SET open_crossings = (SELECT k.crossings FROM movement_kept k WHERE k.pseudonym = movement_people.pseudonym)").run()
        try await sql.raw("DROP TABLE movement_kept").run()
    }
}
