import FluentKit

/// The append-only audit trail, hash-chained entry to entry.
struct M006_CreateAuditLog: AsyncMigration {
    var name: String { "M006_CreateAuditLog" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_log")
            .field("sequence", .int64, .identifier(auto: false))
            .field("at", .string, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("subject", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_log").delete()
    }
}
