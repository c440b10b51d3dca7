import FluentKit
import SQLKit

/// Approval locks a period for one source (D47): Home Affairs' approved November report and the
/// approved November derived from traveller records can both stand, one current by the source rule.
/// `period_locks` had UNIQUE (dataset_id, period); SQLite cannot change a constraint in place, so
/// the locks move to `source_period_locks` with UNIQUE (dataset_id, period, source).
struct M020_LockPeriodsPerSource: AsyncMigration {
    var name: String { "M020_LockPeriodsPerSource" }

    func prepare(on database: any Database) async throws {
        try await database.schema("source_period_locks")
            .id()
            .field("dataset_id", .string, .required, .references("datasets", "id"))
            .field("period", .string, .required)
            .field("source", .string, .required, .sql(.check(SQLRaw("source IN ('reported', 'records')"))))
            .field("submission_id", .uuid, .required, .references("submissions", "id"))
            .field("locked_at", .datetime, .required)
            .field("locked_by", .string, .required)
            .unique(on: "dataset_id", "period", "source")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            INSERT INTO source_period_locks (id, dataset_id, period, source, submission_id, locked_at, locked_by)
            SELECT l.id, l.dataset_id, l.period, CASE WHEN s.channel = 'system' THEN 'records' ELSE 'reported' END,
                   l.submission_id, l.locked_at, l.locked_by
            FROM period_locks l JOIN submissions s ON s.id = l.submission_id
            """).run()
        try await database.schema("period_locks").delete()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("source_period_locks").delete()
    }
}
