import Foundation
import IMDMSCore
import IMDMSTestSupport
import SQLKit
import Testing

@testable import IMDMSStorage

/// A stored value belongs to a submission that exists (both databases); on PostgreSQL it is checked
/// once, against its submission's own dataset (D85, M029).
@Suite("Stored values and their submission")
struct ValueKeysTests {
    /// An observation row for `submission`, naming `dataset`.
    static func insert(submission: UUID, dataset: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO observations (submission_id, dataset_id, series_key, period, period_start, period_end, value, obs_status, conf_status)
            VALUES (\(bind: submission), \(bind: dataset), 'MSU.ARR', '2024-01', '2024-01-01', '2024-01-31', 1, 'A', 'F')
            """).run()
    }

    @Test("A value of a submission that does not exist is refused; on PostgreSQL also one naming another dataset than its submission's",
          arguments: TestBackend.available)
    func keys(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let outcome = try await IntakeService(store: store, reference: reference)
                .importSDMXCSV(Data(Fixtures.validBorderCSV.utf8), fileName: "nov-dec.csv", datasetID: "BORDER_CROSSINGS", channel: .commandLine)
            guard case let .stored(submission) = outcome else { Issue.record("rejected: \(outcome)"); return }
            let other = try #require(reference.structures.first { $0.id != "BORDER_CROSSINGS" }).id
            let id = submission.id
            let before = try await SubmissionRepository(store: store).observationCount()

            await #expect(throws: (any Error).self) { try await Self.insert(submission: UUID(), dataset: "BORDER_CROSSINGS", on: store.sql) }
            if store.isPostgres {
                await #expect(throws: (any Error).self) { try await Self.insert(submission: id, dataset: other, on: store.sql) }
                // One key to `submissions` (the pair), none to `datasets` of its own: one check a row.
                struct Key: Decodable { var columns: Int; var target: String }
                func keys() async throws -> [String] {
                    try await store.sql.raw("""
                        SELECT cardinality(conkey) AS columns, confrelid::regclass::text AS target FROM pg_constraint
                        WHERE contype = 'f' AND conrelid = 'observations'::regclass ORDER BY target
                        """).all(decoding: Key.self).map { "\($0.target) \($0.columns)" }
                }
                #expect(try await keys() == ["submissions 2"])
                // Taken back, the two keys of before; applied again, the one.
                try await M029_CheckValuesAgainstTheirSubmission().revert(on: store.database)
                #expect(try await keys() == ["datasets 1", "submissions 1"])
                try await M029_CheckValuesAgainstTheirSubmission().prepare(on: store.database)
                #expect(try await keys() == ["submissions 2"])
            }
            try await Self.insert(submission: id, dataset: "BORDER_CROSSINGS", on: store.sql)  // the right pair goes in
            #expect(try await SubmissionRepository(store: store).observationCount() == before + 1)
        }
    }
}
