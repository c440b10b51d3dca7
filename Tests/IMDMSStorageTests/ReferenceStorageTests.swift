import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import Testing

@Suite("Reference configuration in storage")
struct ReferenceStorageTests {
    @Test("Seeds once and reads back exactly what was seeded", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let repository = ReferenceRepository(store: store)
            #expect(try await repository.seedIfEmpty(Fixtures.lesotho))
            #expect(try await !repository.seedIfEmpty(Fixtures.lesotho))
            let loaded = try await repository.load()
            #expect(loaded.agencyID == "LS_BOS")
            #expect(loaded.homeCountryCode == "LSO")
            #expect(loaded.structures == Fixtures.lesotho.structures.sorted { $0.id < $1.id })
            #expect(loaded.organisations == Fixtures.lesotho.organisations.sorted { $0.id < $1.id })
            #expect(loaded.codelists == Fixtures.lesotho.codelists.sorted { $0.id < $1.id })
        }
    }

    @Test("Migrations can run again on a migrated database", arguments: TestBackend.available)
    func migrateTwice(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await store.migrate()
            try await store.migrate()
        }
    }
}
