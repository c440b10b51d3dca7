import FluentKit

/// When an API token stops working. Tokens made before this migration have none (they work until
/// revoked); every new token is given one (D43).
struct M017_AddTokenExpiry: AsyncMigration {
    var name: String { "M017_AddTokenExpiry" }

    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("expires_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").deleteField("expires_at").update()
    }
}
