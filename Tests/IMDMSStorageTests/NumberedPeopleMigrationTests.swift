import FluentKit
import Foundation
@testable import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

/// People named by a number in the movement store (D93, M033): the migration keeps every crossing
/// with its id and its person, every checkpoint and every kept crossing; reverted, the pseudonyms
/// are back in the three tables; and the statistics still end where uninterrupted imports end.
@Suite("Traveller records: people named by a number")
struct NumberedPeopleMigrationTests {
    /// Checkpoints by pseudonym, whatever names the person.
    static func checkpoints(_ sql: any SQLDatabase, numbered: Bool) async throws -> [String] {
        struct Row: Decodable { var pseudonym: String; var settled_until: String; var open: Bool; var changes_at: String? }
        let query: SQLQueryString = numbered
            ? "SELECT n.pseudonym, p.settled_until, p.open, p.changes_at FROM movement_people p JOIN movement_persons n ON n.id = p.person"
            : "SELECT pseudonym, settled_until, open, changes_at FROM movement_people"
        return try await sql.raw(query).all(decoding: Row.self).map { "\($0.pseudonym) \($0.settled_until) \($0.open) \($0.changes_at ?? "-")" }.sorted()
    }

    @Test("Reverted: the pseudonyms back with the same crossings, ids, checkpoints and kept crossings; applied again: numbered in pseudonym order; the statistics equal uninterrupted imports",
          arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let expected = try await MovementPendingTests.bothExtracts(backend)
        try await backend.withStore { store in
            let (service, _) = try await MovementPendingTests.service(store)
            _ = try await MovementPendingTests.load(service)
            let crossings = try await CrossingAttributesMigrationTests.crossings(store.sql)
            let kept = try await CrossingAttributesMigrationTests.kept(store.sql)
            let checkpoints = try await Self.checkpoints(store.sql, numbered: true)
            #expect(crossings.count > 1_000 && kept.count > 10 && checkpoints.count > 10)
            struct Count: Decodable { var n: Int }
            let people = try await store.sql.raw("SELECT COUNT(DISTINCT person) AS n FROM movements").first(decoding: Count.self)?.n
            #expect(try await store.sql.raw("SELECT COUNT(*) AS n FROM movement_persons").first(decoding: Count.self)?.n == people, "each person numbered once")

            // Every step on one connection (a pooled SQLite connection keeps the schema it last read).
            try await store.database.withConnection { db in
                try await M033_NumberPeople().revert(on: db)
                #expect(try await CrossingAttributesMigrationTests.crossings(db.sql, numbered: false) == crossings)
                #expect(try await CrossingAttributesMigrationTests.kept(db.sql, numbered: false) == kept)
                #expect(try await Self.checkpoints(db.sql, numbered: false) == checkpoints)
                #expect((try? await db.sql.raw("SELECT id FROM movement_persons LIMIT 1").run()) == nil, "no numbers reverted")

                try await CrossingAttributesMigrationTests.forget([M033_NumberPeople()], db.sql)
                try await MigrationRunner.run(IMDMSMigrations.all, on: db, postgres: store.isPostgres)
                #expect(try await CrossingAttributesMigrationTests.crossings(db.sql) == crossings)
                #expect(try await CrossingAttributesMigrationTests.kept(db.sql) == kept)
                #expect(try await Self.checkpoints(db.sql, numbered: true) == checkpoints)
                struct Person: Decodable { var id: Int; var pseudonym: String }
                let numbered = try await db.sql.raw("SELECT id, pseudonym FROM movement_persons ORDER BY id").all(decoding: Person.self)
                #expect(numbered.map(\.id) == Array(1...numbered.count) && numbered.map(\.pseudonym) == numbered.map(\.pseudonym).sorted())
            }

            let later = try await service.importFile(try MovementPendingTests.laterExtract(), fileName: "later.csv", profile: MovementTests.profile, actor: "test")
            #expect(later.added > 1_000 && !later.derivationPending)
            #expect(try await MovementPendingTests.derived(store) == expected, "the same statistics as two imports with no migration between")
            let again = try await service.importFile(try MovementPendingTests.laterExtract(), fileName: "later.csv", profile: MovementTests.profile, actor: "test")
            #expect(again.added == 0, "an extract imported again adds nothing: its people keep their numbers")
        }
    }
}
