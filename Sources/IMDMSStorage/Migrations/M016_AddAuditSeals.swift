import FluentKit

/// Each audit entry's seal: its hash under the audit key kept outside the database (D42). Entries
/// written before a key existed are sealed at the first start with one.
struct M016_AddAuditSeals: AsyncMigration {
    var name: String { "M016_AddAuditSeals" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_log").field("seal", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_log").deleteField("seal").update()
    }
}
