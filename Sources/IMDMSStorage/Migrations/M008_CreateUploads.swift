import FluentKit

/// Pending uploads: a file received through the web, kept while its producer reviews the preview,
/// confirms names and corrects the mapping, until it is submitted or discarded.
struct M008_CreateUploads: AsyncMigration {
    var name: String { "M008_CreateUploads" }

    func prepare(on database: any Database) async throws {
        try await database.schema("uploads")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("dataset_id", .string, .required, .references("datasets", "id"))
            .field("file_name", .string, .required)
            .field("content", .data, .required)
            .field("profile_json", .string)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("uploads").delete()
    }
}
