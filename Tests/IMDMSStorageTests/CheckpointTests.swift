import Foundation
import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

/// The traveller intake copies SQLite's log to the file beside the derivation (D84): its commit
/// turns the automatic checkpoint off for one transaction, which must not stay off.
@Suite("SQLite's log copied beside the derivation")
struct CheckpointTests {
    struct Pages: Decodable { var wal_autocheckpoint: Int }
    struct Log: Decodable { var busy: Int; var log: Int; var checkpointed: Int }

    @Test("After an intake, stored or refused, every connection checkpoints automatically again and the log holds nothing not in the file")
    func putBack() async throws {
        try await TestBackend.sqlite.withStore { store in
            let (service, _) = try await MovementPendingTests.service(store)
            let stored = try await MovementPendingTests.load(service)
            #expect(stored.added > 1_000 && stored.problems.isEmpty)
            let refused = try await service.importFile(Data("crossing_time\n2023-01-01T10:00\n".utf8), fileName: "bad.csv",
                                                       profile: MovementTests.profile, actor: "test")
            #expect(!refused.problems.isEmpty)
            for lane in 0..<8 {
                let pages = try await store.sql(lane: lane).raw("PRAGMA wal_autocheckpoint").first(decoding: Pages.self)?.wal_autocheckpoint
                #expect(pages == 1_000, "lane \(lane): \(pages.map(String.init) ?? "-")")
            }
            // A passive checkpoint now finds every page of the log already in the file, or copies the rest.
            let log = try #require(try await store.sql.raw("PRAGMA wal_checkpoint(PASSIVE)").first(decoding: Log.self))
            #expect(log.busy == 0 && log.checkpointed == log.log, "\(log)")
        }
    }
}
