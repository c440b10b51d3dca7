import FluentKit
import SQLKit

/// The restricted movement store: one row per crossing, a pseudonym instead of the person (no
/// name, document number or date of birth has a column), and the extracts it came from. The
/// UNIQUE key makes re-importing an overlapping extract add nothing twice; it also orders a
/// person's crossings for the 12/16-month rule.
struct M013_CreateMovements: AsyncMigration {
    var name: String { "M013_CreateMovements" }

    func prepare(on database: any Database) async throws {
        try await database.schema("movement_batches")
            .id()
            .field("file_name", .string, .required)
            .field("sha256", .string, .required)
            .field("rows", .int64, .required)
            .field("added", .int64, .required)
            .field("created_at", .datetime, .required)
            .field("actor", .string, .required)
            .create()
        try await database.schema("movements")
            .field("id", .int64, .identifier(auto: true))
            .field("pseudonym", .string, .required)
            .field("crossed_at", .string, .required)
            .field("border_post", .string, .required)
            .field("direction", .string, .required)
            .field("sex", .string, .required)
            .field("age", .int)
            .field("birth_year", .int)
            .field("nationality", .string, .required)
            .field("residence", .string, .required)
            .field("purpose", .string, .required)
            .field("batch_id", .uuid, .required, .references("movement_batches", "id"))
            .unique(on: "pseudonym", "crossed_at", "border_post", "direction")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "movements_by_time").on("movements").column("crossed_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("movements").delete()
        try await database.schema("movement_batches").delete()
    }
}
