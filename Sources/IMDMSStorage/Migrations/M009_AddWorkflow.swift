import FluentKit
import SQLKit

/// The workflow beyond `submitted`: a release time (embargo) and the last review comment on each
/// submission, the history of every state change, and the periods locked by approval.
struct M009_AddWorkflow: AsyncMigration {
    var name: String { "M009_AddWorkflow" }

    func prepare(on database: any Database) async throws {
        // One column per ALTER TABLE: SQLite adds one at a time.
        try await database.schema("submissions").field("release_at", .datetime).update()
        try await database.schema("submissions").field("review_comment", .string).update()
        try await database.schema("submission_events")
            .id()
            .field("submission_id", .uuid, .required, .references("submissions", "id"))
            .field("at", .datetime, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("from_status", .string)
            .field("to_status", .string, .required)
            .field("comment", .string)
            .create()
        try await database.schema("period_locks")
            .id()
            .field("dataset_id", .string, .required, .references("datasets", "id"))
            .field("period", .string, .required)
            .field("submission_id", .uuid, .required, .references("submissions", "id"))
            .field("locked_at", .datetime, .required)
            .field("locked_by", .string, .required)
            .unique(on: "dataset_id", "period")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "submission_events_by_submission").on("submission_events").column("submission_id").run()
        try await sql.create(index: "submissions_by_status").on("submissions").column("status").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("period_locks").delete()
        try await database.schema("submission_events").delete()
    }
}
