import Foundation
import IMDMSCore
@testable import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

/// On SQLite an extract's people are opened in the transaction that stores it, against the last
/// crossing the kept state was derived to (D91); the derivation opens only the extracts that were
/// not, or were opened against another starting point.
@Suite("Traveller records: an extract's people opened as it is stored")
struct MovementOpenedTests {
    enum Marks: String, CaseIterable, Sendable {
        /// As the intake left them.
        case asStored
        /// As if stored before M031: the people not opened, no mark.
        case notOpened
        /// The people not opened and the mark naming another starting point.
        case otherStart
    }

    @Test("The people of an extract stored and not yet derived are opened with it on SQLite; whatever its marks, the derivation ends where both extracts imported in a row end",
          arguments: TestBackend.available, Marks.allCases)
    func opened(backend: TestBackend, marks: Marks) async throws {
        let expected = try await MovementPendingTests.bothExtracts(backend)
        try await backend.withStore { store in
            let (service, _) = try await MovementPendingTests.service(store)
            _ = try await MovementPendingTests.load(service)
            let latest = try await SettingsTable.value(MovementDerivationJob.latestKey, on: store.sql)
            #expect(latest != nil)
            try await store.sql.raw("CREATE TABLE people_before AS SELECT * FROM movement_people").run()
            try await store.sql.raw("CREATE TABLE kept_before AS SELECT * FROM movement_kept").run()
            let stored = try await service.importFile(try MovementPendingTests.laterExtract(), fileName: "later.csv", profile: MovementTests.profile,
                                                      actor: "test", derive: false)
            #expect(stored.added > 0 && stored.derivationPending)
            let pending = try await MovementRepository.pendingBatches(on: store.sql)
            #expect(pending.count == 1)
            guard let extract = pending.first else { return }
            #expect(extract.peopleOpenedAfter == (store.isPostgres ? nil : latest))

            struct Count: Decodable { var n: Int }
            let inExtract: SQLQueryString = "SELECT DISTINCT person FROM movements WHERE id BETWEEN \(bind: extract.firstID) AND \(bind: extract.lastID)"
            let people = try await store.sql.raw("SELECT COUNT(*) AS n FROM (\(inExtract)) e").first(decoding: Count.self)?.n ?? 0
            let opened = try await store.sql.raw("""
                SELECT COUNT(*) AS n FROM movement_people WHERE open = \(true) AND changes_at IS NULL AND person IN (\(inExtract))
                """).first(decoding: Count.self)?.n ?? 0
            #expect(people > 10)
            #expect(opened == (store.isPostgres ? 0 : people), "on SQLite every person of the extract is open and due; on PostgreSQL the derivation opens them")

            if marks != .asStored {
                let keptBefore = try await MovementPendingTests.kept(store)
                try await store.sql.raw("DELETE FROM movement_people").run()
                try await store.sql.raw("INSERT INTO movement_people SELECT * FROM people_before").run()
                try await store.sql.raw("DELETE FROM movement_kept").run()
                try await store.sql.raw("INSERT INTO movement_kept SELECT * FROM kept_before").run()
                if !store.isPostgres { #expect(try await MovementPendingTests.kept(store) != keptBefore, "the people's marks are taken away") }
                let mark: String? = marks == .notOpened ? nil : "2000-01-01T00:00"
                try await store.sql.update("movement_batches").set("people_opened_after", to: SQLBind(mark)).where("id", .equal, SQLBind(extract.id)).run()
            }
            let derived = try await MovementPendingTests.load(service)
            #expect(derived.added == 0 && !derived.derivationPending && !derived.derivedSubmissions.isEmpty)
            #expect(try await MovementPendingTests.derived(store) == expected)
        }
    }
}
