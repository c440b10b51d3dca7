import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// Partial sums per submission (D53, `M022_AddObservationRollups`): a table that keeps only some
/// dimensions reads a submission's values already summed over the others — for a quarter of border
/// crossings, a few hundred rows instead of 135,000. A grouping is built for every current submission
/// the first time a table asks for it, and from then on in the transaction that stores a
/// submission, so the first table after new data reads sums as the second does. A submission's sums
/// go when it is superseded or loses values; set-aside marks are kept in step (`SourceRules`).
enum ObservationRollups {
    /// At most this many groupings per dataset: each costs storage and time at every store.
    static let groupingsPerDataset = 16
    /// A grouping is kept only when it has at most a tenth of the cells of the full key.
    static let reduction = 10

    /// The grouping a table over `positions` (1-based dimension positions it keeps or filters)
    /// reads, or nil when summing would not gain enough: every dimension kept, or too little
    /// reduction by the codes stored (`stored`, per dimension id).
    static func grouping(_ positions: Set<Int>, structure: DataStructure, stored: [String: Set<String>]) -> String? {
        guard positions.count < structure.dimensions.count else { return nil }
        var all = 1.0, kept = 1.0
        for (offset, dimension) in structure.dimensions.enumerated() {
            let codes = Double(max(1, stored[dimension.id]?.count ?? 1))
            all *= codes
            if positions.contains(offset + 1) { kept *= codes }
        }
        guard kept * Double(reduction) <= all else { return nil }
        return positions.sorted().map(String.init).joined(separator: ",")
    }

    static func positions(of grouping: String) -> [Int] {
        grouping.split(separator: ",").compactMap { Int($0) }
    }

    /// Builds `grouping` for each current submission of the dataset that lacks it; false when the
    /// dataset already has its share of other groupings (the table then reads the observations).
    static func ensure(_ grouping: String, dataset datasetID: String, store: Store) async throws -> Bool {
        struct Row: Decodable { var grouping: String }
        let known = Set(try await store.sql.select().distinct().column("grouping").from("observation_rollup_marks")
            .where("dataset_id", .equal, SQLBind(datasetID)).all(decoding: Row.self).map(\.grouping))
        guard known.contains(grouping) || known.count < groupingsPerDataset else { return false }
        struct Missing: Decodable { var id: UUID }
        let missing = try await store.sql.raw("""
            SELECT s.id FROM submissions s WHERE s.dataset_id = \(bind: datasetID) AND s.status <> \(bind: SubmissionStatus.superseded.rawValue)
            AND NOT EXISTS (SELECT 1 FROM observation_rollup_marks m WHERE m.submission_id = s.id AND m.grouping = \(bind: grouping))
            """).all(decoding: Missing.self)
        for submission in missing {
            try await store.writeTransaction { tx in
                try await build(grouping, submission: submission.id, dataset: datasetID, sql: tx.sql)
            }
        }
        return true
    }

    /// Sums one submission's values for `grouping`, unless another reader did it first (the mark's
    /// key keeps the second out: PostgreSQL waits for the first transaction, SQLite has one writer).
    static func build(_ grouping: String, submission: UUID, dataset datasetID: String, sql: any SQLDatabase) async throws {
        try await sql.insert(into: "observation_rollup_marks").columns("submission_id", "grouping", "dataset_id")
            .values(SQLBind(submission), SQLBind(grouping), SQLBind(datasetID)).ignoringConflicts().run()
        struct Count: Decodable { var n: Int }
        let built = try await sql.raw("SELECT COUNT(*) AS n FROM observation_rollups WHERE submission_id = \(bind: submission) AND grouping = \(bind: grouping)")
            .first(decoding: Count.self)?.n ?? 0
        guard built == 0 else { return }
        let kept = Set(positions(of: grouping))
        let keys = (1...8).map { kept.contains($0) ? "k\($0)" : "CAST(NULL AS TEXT)" }.joined(separator: ", ")
        let groups = (["period", "period_start", "period_end", "set_aside"] + kept.sorted().map { "k\($0)" }).joined(separator: ", ")
        try await sql.raw("""
            INSERT INTO observation_rollups (submission_id, dataset_id, grouping, period, period_start, period_end, set_aside, \
            k1, k2, k3, k4, k5, k6, k7, k8, value, n)
            SELECT \(bind: submission), \(bind: datasetID), \(bind: grouping), period, period_start, period_end, set_aside, \
            \(unsafeRaw: keys), SUM(value), COUNT(*)
            FROM observations WHERE submission_id = \(bind: submission) GROUP BY \(unsafeRaw: groups)
            """).run()
    }

    /// A submission's sums made again for every grouping its dataset has, inside the transaction that
    /// stored it or changed its values.
    static func refresh(submission: UUID, dataset datasetID: String, sql: any SQLDatabase) async throws {
        struct Row: Decodable { var grouping: String }
        let groupings = try await sql.select().distinct().column("grouping").from("observation_rollup_marks")
            .where("dataset_id", .equal, SQLBind(datasetID)).all(decoding: Row.self).map(\.grouping)
        try await drop(submission: submission, sql: sql)
        for grouping in groupings.sorted() { try await build(grouping, submission: submission, dataset: datasetID, sql: sql) }
    }

    /// Takes whole periods out of a submission's sums (a revision took every value of them, D50).
    static func remove(periods: Set<String>, of submission: UUID, sql: any SQLDatabase) async throws {
        guard !periods.isEmpty else { return }
        try await sql.delete(from: "observation_rollups").where("submission_id", .equal, SQLBind(submission))
            .where(periods: periods.sorted()).run()
    }

    /// Drops a submission's sums (superseded: were it restored, the next read builds them again).
    static func drop(submission: UUID, sql: any SQLDatabase) async throws {
        try await sql.delete(from: "observation_rollups").where("submission_id", .equal, SQLBind(submission)).run()
        try await sql.delete(from: "observation_rollup_marks").where("submission_id", .equal, SQLBind(submission)).run()
    }
}
