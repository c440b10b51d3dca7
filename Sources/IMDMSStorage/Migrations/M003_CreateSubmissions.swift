import FluentKit

/// Source files (kept whole, by checksum) and submissions: one delivery of data for one dataset.
struct M003_CreateSubmissions: AsyncMigration {
    var name: String { "M003_CreateSubmissions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("source_files")
            .field("sha256", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("byte_count", .int64, .required)
            .field("content", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("submissions")
            .id()
            .field("dataset_id", .string, .required, .references("datasets", "id"))
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("submitted_by", .uuid, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("source_file_name", .string)
            .field("source_byte_count", .int64)
            .field("source_sha256", .string, .references("source_files", "sha256"))
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("supersedes_id", .uuid, .references("submissions", "id"))
            .field("is_synthetic", .bool, .required)
            .field("observation_count", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("submissions").delete()
        try await database.schema("source_files").delete()
    }
}
