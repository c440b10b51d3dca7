import FluentKit
import Foundation
import SQLKit

/// Scheduled releases and their delivery (D54):
/// - `releases`: one per moment new data became public — its title and summary, when, and which
///   reports were made for it; `release_documents` keeps each report as it was released (HTML).
/// - `release_deliveries`: which published submission went out in which release (its key keeps a
///   submission from being released twice, by two servers either).
/// - `subscribers` (e-mail addresses a data manager added) and `release_messages` (one per release
///   and subscriber: sent, or the attempts and the last error, retried until sent).
/// Submissions already public when this migration runs count as released before releases were kept.
struct M023_AddReleases: AsyncMigration {
    var name: String { "M023_AddReleases" }

    func prepare(on database: any Database) async throws {
        try await database.schema("releases")
            .id()
            .field("at", .datetime, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("produced", .bool, .required, .sql(.default(false)))
            .create()
        try await database.schema("release_documents")
            .field("release_id", .uuid, .required, .references("releases", "id"))
            .field("report_id", .string, .required)
            .field("title", .string, .required)
            .field("period", .string, .required)
            .field("html", .string, .required)
            .compositeIdentifier(over: "release_id", "report_id")
            .create()
        try await database.schema("release_deliveries")
            .field("submission_id", .uuid, .identifier(auto: false), .references("submissions", "id"))
            .field("release_id", .uuid, .references("releases", "id"))
            .create()
        try await database.schema("subscribers")
            .field("address", .string, .identifier(auto: false))
            .field("added_by", .string, .required)
            .field("added_at", .datetime, .required)
            .create()
        try await database.schema("release_messages")
            .field("release_id", .uuid, .required, .references("releases", "id"))
            .field("address", .string, .required)
            .field("sent_at", .datetime)
            .field("attempts", .int, .required, .sql(.default(0)))
            .field("next_attempt_at", .datetime, .required)
            .field("last_error", .string)
            .compositeIdentifier(over: "release_id", "address")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            INSERT INTO release_deliveries (submission_id, release_id)
            SELECT id, NULL FROM submissions WHERE status = 'published' AND (release_at IS NULL OR release_at <= \(bind: Date()))
            """).run()
    }

    func revert(on database: any Database) async throws {
        for table in ["release_messages", "subscribers", "release_deliveries", "release_documents", "releases"] {
            try await database.schema(table).delete()
        }
    }
}
