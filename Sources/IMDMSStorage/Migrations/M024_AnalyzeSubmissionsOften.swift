import FluentKit
import SQLKit

/// PostgreSQL only: the planner's picture of `submissions` kept fresh. Autovacuum analyzes a
/// table after 50 changes plus 10% of its rows; `submissions` is small and changes a few rows a
/// month, so it was never analyzed, the planner took one published submission for granted and
/// read a month of observations once per published submission (a month of border crossings:
/// 187 ms counted, 43 ms after `ANALYZE`). Now five changes are enough.
struct M024_AnalyzeSubmissionsOften: AsyncMigration {
    var name: String { "M024_AnalyzeSubmissionsOften" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER TABLE submissions SET (autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5)").run()
        try await sql.raw("ANALYZE submissions").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER TABLE submissions RESET (autovacuum_analyze_scale_factor, autovacuum_analyze_threshold)").run()
    }
}
