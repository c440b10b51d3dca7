import Foundation
import IMDMSCore
import SQLKit

/// Reads a derived dataset's revision history (D50): the values each revision of traveller records
/// stored (still current) and those it replaced (`observation_revisions`), summed by period,
/// revision and one dimension — the direction, or the measure where there is no direction.
public struct RevisionHistoryReader: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// The dimension the history is split by.
    public static func splitDimension(of structure: DataStructure) -> Int? {
        structure.dimensions.firstIndex { $0.id == "DIRECTION" } ?? structure.dimensions.firstIndex { $0.id.hasSuffix("MEASURE") }
    }

    /// Whether any of a group's values is provisional, as 1 or 0.
    private func provisional(_ table: String) -> SQLQueryString {
        "MAX(CASE WHEN \(unsafeRaw: table)obs_status = \(bind: ObservationStatus.provisional.rawValue) THEN 1 ELSE 0 END)"
    }

    public func history(_ structure: DataStructure) async throws -> RevisionHistory {
        struct Sum: Decodable { var period: String; var revision: UUID; var code: String?; var value: Double?; var provisional: Int }
        let code: SQLQueryString = Self.splitDimension(of: structure).map { "k\(unsafeRaw: String($0 + 1))" } ?? "''"
        let id = structure.id
        let stored = try await store.sql.raw("""
            SELECT o.period, o.submission_id AS revision, o.\(code) AS code, SUM(o.value) AS value, \(provisional("o.")) AS provisional
            FROM observations o JOIN submissions s ON s.id = o.submission_id
            WHERE o.dataset_id = \(bind: id) AND s.channel = 'system' AND s.status <> 'superseded'
            GROUP BY o.period, o.submission_id, o.\(code)
            """).all(decoding: Sum.self)
        let added = try await store.sql.raw("""
            SELECT period, submission_id AS revision, \(code) AS code, SUM(value) AS value, \(provisional("")) AS provisional FROM observation_revisions
            WHERE dataset_id = \(bind: id) GROUP BY period, submission_id, \(code)
            """).all(decoding: Sum.self)
        let replaced = try await store.sql.raw("""
            SELECT period, revised_by AS revision, \(code) AS code, -SUM(value) AS value, 0 AS provisional FROM observation_revisions
            WHERE dataset_id = \(bind: id) GROUP BY period, revised_by, \(code)
            """).all(decoding: Sum.self)
        let changes = (stored + added + replaced).map {
            RevisionHistory.Change(period: $0.period, revision: $0.revision, code: $0.code ?? "", value: $0.value ?? 0, provisional: $0.provisional != 0)
        }
        struct Row: Decodable { var id: UUID; var created_at: Date; var status: String }
        let ids = Array(Set(changes.map(\.revision)))
        var revisions: [RevisionHistory.Revision] = []
        for start in stride(from: 0, to: ids.count, by: 1_000) {
            revisions += try await store.sql.select().columns("id", "created_at", "status").from("submissions")
                .where("id", .in, SQLBind.group(Array(ids[start..<min(start + 1_000, ids.count)]))).all(decoding: Row.self)
                .map { RevisionHistory.Revision(id: $0.id, storedAt: $0.created_at, status: SubmissionStatus(rawValue: $0.status) ?? .submitted) }
        }
        struct Provisional: Decodable { var period: String }
        let provisional = try await store.sql.raw("""
            SELECT DISTINCT o.period FROM observations o JOIN submissions s ON s.id = o.submission_id
            WHERE o.dataset_id = \(bind: id) AND s.channel = 'system' AND s.status <> 'superseded' AND o.obs_status = \(bind: ObservationStatus.provisional.rawValue)
            """).all(decoding: Provisional.self)
        return RevisionHistory(changes: changes, revisions: revisions, provisional: Set(provisional.map(\.period)))
    }
}
