import Foundation
@testable import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

/// Extracts found by their id range (D77, M026): an extract stored before the ranges and still
/// pending at the upgrade is derived from the whole store once, ending where an uninterrupted
/// import ends; the crossings then lose the extract column (D80, M027).
@Suite("Traveller records: extracts by id range")
struct MovementRangeMigrationTests {
    @Test("An extract left pending before M026 (no id range) is derived at the next intake; the statistics equal two uninterrupted imports",
          arguments: TestBackend.available)
    func pendingBeforeRanges(backend: TestBackend) async throws {
        let expected = try await MovementPendingTests.bothExtracts(backend)
        try await backend.withStore { store in
            let (service, _) = try await MovementPendingTests.service(store)
            _ = try await MovementPendingTests.load(service)
            let later = try await service.importFile(try MovementPendingTests.laterExtract(), fileName: "later.csv", profile: MovementTests.profile,
                                                     actor: "test", derive: false)
            #expect(later.added > 1_000 && later.derivationPending)
            struct Latest: Decodable { var latest: String? }
            let latest = try await store.sql.raw("SELECT MAX(crossed_at) AS latest FROM movements").first(decoding: Latest.self)?.latest
            #expect(try await MovementRepository(store: store).latestTime() == latest)
            // The store as it was before M026: each crossing names its extract again (M027 reverted,
            // the column filled from the ranges), no ranges, the two indexes; neither migration applied.
            try await M027_DropCrossingExtractColumn().revert(on: store.database)
            struct Unnamed: Decodable { var n: Int }
            #expect(try await store.sql.raw("SELECT COUNT(*) AS n FROM movements WHERE batch_id IS NULL").first(decoding: Unnamed.self)?.n == 0)
            try await M026_FindExtractsByRange().revert(on: store.database)
            for name in [M027_DropCrossingExtractColumn().name, M026_FindExtractsByRange().name] {
                try await store.sql.raw("DELETE FROM _fluent_migrations WHERE name = \(bind: name)").run()
            }
            #expect(try await SettingsTable.value(MovementDerivationJob.latestKey, on: store.sql) != nil)

            try await MigrationRunner.run(IMDMSMigrations.all, on: store.database, postgres: store.isPostgres)
            #expect(try await SettingsTable.value(MovementDerivationJob.latestKey, on: store.sql) == nil, "the kept state was dropped")
            #expect(try await MovementRepository(store: store).latestTime() == latest, "each extract's latest crossing filled in")
            #expect((try? await store.sql.raw("SELECT batch_id FROM movements LIMIT 1").run()) == nil, "the crossings name their extract no more (M027)")
            let done = try await MovementPendingTests.load(service)
            #expect(done.added == 0 && !done.derivationPending && !done.derivedSubmissions.isEmpty)
            #expect(try await MovementPendingTests.derived(store) == expected, "the same statistics as without the upgrade between")
            #expect(try await MovementRepository(store: store).pendingBatches().isEmpty)
        }
    }
}
