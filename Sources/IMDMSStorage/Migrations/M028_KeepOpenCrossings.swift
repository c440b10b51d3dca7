import FluentKit
import SQLKit

/// `movement_people.open_crossings`: an open person's crossings after their checkpoint, as the
/// derivation last read them (D82). The next derivation reads them from here and only the new
/// crossings from `movements`. NULL — every person before this migration, and anyone a late
/// record reopens — means "not kept": read from `movements`.
struct M028_KeepOpenCrossings: AsyncMigration {
    var name: String { "M028_KeepOpenCrossings" }

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE movement_people ADD COLUMN open_crossings TEXT").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE movement_people DROP COLUMN open_crossings").run()
    }
}
