import FluentKit
import SQLKit

/// Each submission's first and last period, so that coverage (what each dataset holds, and the
/// latest period reports default to) is read from the small submissions table instead of a scan
/// of every observation. Filled for the submissions already stored.
struct M012_AddSubmissionPeriods: AsyncMigration {
    var name: String { "M012_AddSubmissionPeriods" }

    func prepare(on database: any Database) async throws {
        try await database.schema("submissions").field("first_period", .string).update()
        try await database.schema("submissions").field("last_period", .string).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            UPDATE submissions SET
              first_period = (SELECT MIN(o.period) FROM observations o WHERE o.submission_id = submissions.id),
              last_period = (SELECT MAX(o.period) FROM observations o WHERE o.submission_id = submissions.id)
            """).run()
    }

    func revert(on database: any Database) async throws {}
}
