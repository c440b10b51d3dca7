import FluentKit

/// Submissions: one delivery of data for one dataset, with its source file's checksum.
struct M003_CreateSubmissions: AsyncMigration {
    var name: String { "M003_CreateSubmissions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("submissions")
            .id()
            .field("dataset_id", .string, .required, .references("datasets", "id"))
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("submitted_by", .uuid, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("source_file_name", .string)
            .field("source_byte_count", .int64)
            .field("source_sha256", .string)
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("supersedes_id", .uuid, .references("submissions", "id"))
            .field("is_synthetic", .bool, .required)
            .field("observation_count", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("submissions").delete()
    }
}
