import FluentKit

/// When an extract's crossings went into the derived statistics. An extract with new crossings and
/// no `derived_at` is pending: its derivation did not finish (a crash, a conflict) and is completed
/// by the next intake or start. Extracts stored before this migration count as pending once, so a
/// store that lost its derivation to an earlier crash is healed (D46).
struct M018_AddMovementDerivation: AsyncMigration {
    var name: String { "M018_AddMovementDerivation" }

    func prepare(on database: any Database) async throws {
        try await database.schema("movement_batches").field("derived_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("movement_batches").deleteField("derived_at").update()
    }
}
