import FluentKit

/// API tokens for machines: only the SHA-256 of the token is kept; each is scoped to a role and
/// an organisation and can be revoked.
struct M010_CreateAPITokens: AsyncMigration {
    var name: String { "M010_CreateAPITokens" }

    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens")
            .id()
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("role", .string, .required)
            .field("organisation_id", .string, .references("organisations", "id"))
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").delete()
    }
}
