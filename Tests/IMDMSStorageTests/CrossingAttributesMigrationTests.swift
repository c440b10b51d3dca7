import FluentKit
import Foundation
@testable import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

/// A crossing's six attributes in one column (D86, M030): the migration keeps every crossing, its
/// id and its values; reverted, it gives the six columns back; the kept crossings written in the
/// old layout are dropped, and the statistics still end where uninterrupted imports end.
@Suite("Traveller records: a crossing's attributes in one column")
struct CrossingAttributesMigrationTests {
    struct Packed: Decodable, Equatable {
        var id: Int, pseudonym: String, crossed_at: String, border_post: String, direction: String, attributes: String
    }

    struct Unpacked: Decodable {
        var id: Int, pseudonym: String, crossed_at: String, border_post: String, direction: String
        var sex: String, age: Int?, birth_year: Int?, nationality: String, residence: String, purpose: String
        var packed: Packed {
            Packed(id: id, pseudonym: pseudonym, crossed_at: crossed_at, border_post: border_post, direction: direction,
                   attributes: [sex, age.map(String.init) ?? "", birth_year.map(String.init) ?? "", nationality, residence, purpose]
                    .joined(separator: "\u{1F}"))
        }
    }

    /// The crossings with their pseudonyms: through the people's numbers (D93, M033), or with M033
    /// reverted from the column `pseudonym`.
    static func crossings(_ sql: any SQLDatabase, numbered: Bool = true) async throws -> [Packed] {
        let query: SQLQueryString = numbered
            ? "SELECT m.id, n.pseudonym, m.crossed_at, m.border_post, m.direction, m.attributes FROM movements m JOIN movement_persons n ON n.id = m.person ORDER BY m.id"
            : "SELECT id, pseudonym, crossed_at, border_post, direction, attributes FROM movements ORDER BY id"
        return try await sql.raw(query).all(decoding: Packed.self)
    }

    /// People's kept crossings (D82) by pseudonym: in `movement_kept` (D92, M032) by number (M033), or
    /// with M033 reverted by pseudonym, or with M032 reverted too in `movement_people`.
    static func kept(_ sql: any SQLDatabase, inPeople: Bool = false, numbered: Bool = true) async throws -> [String: String] {
        struct Kept: Decodable { var pseudonym: String; var crossings: String }
        let query: SQLQueryString = inPeople ? "SELECT pseudonym, open_crossings AS crossings FROM movement_people WHERE open_crossings IS NOT NULL"
            : numbered ? "SELECT n.pseudonym, k.crossings FROM movement_kept k JOIN movement_persons n ON n.id = k.person"
            : "SELECT pseudonym, crossings FROM movement_kept"
        return Dictionary(uniqueKeysWithValues: try await sql.raw(query).all(decoding: Kept.self).map { ($0.pseudonym, $0.crossings) })
    }

    /// Removes migrations' records, so that the runner applies them again.
    static func forget(_ migrations: [any AsyncMigration], _ sql: any SQLDatabase) async throws {
        for migration in migrations {
            try await sql.raw("DELETE FROM _fluent_migrations WHERE name = \(bind: migration.name)").run()
        }
    }

    @Test("Reverted: the six columns with the same values; applied again: the same crossings and ids; the statistics equal uninterrupted imports",
          arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let expected = try await MovementPendingTests.bothExtracts(backend)
        try await backend.withStore { store in
            let (service, _) = try await MovementPendingTests.service(store)
            _ = try await MovementPendingTests.load(service)
            let before = try await Self.crossings(store.sql)
            #expect(before.count > 1_000)
            #expect(before.contains { CrossingAttributes.fields(of: $0.attributes)[1].isEmpty == false }, "ages stored")
            #expect(before.allSatisfy { CrossingAttributes.fields(of: $0.attributes).count == CrossingAttributes.count })
            let kept = try await Self.kept(store.sql)
            #expect(kept.count > 10, "people with kept crossings, for the migration to forget")

            // Every step on one connection: another of SQLite's pooled connections keeps the schema
            // it last read, and a change of tables made elsewhere fails there as "duplicate column".
            try await store.database.withConnection { db in
                // M032 (D92) both ways: the kept crossings back in their column, then in their table again.
                try await M033_NumberPeople().revert(on: db)
                try await M032_KeepCrossingsApart().revert(on: db)
                #expect(try await Self.kept(db.sql, inPeople: true) == kept)
                try await Self.forget([M032_KeepCrossingsApart(), M033_NumberPeople()], db.sql)
                try await MigrationRunner.run(IMDMSMigrations.all, on: db, postgres: store.isPostgres)
                #expect(try await Self.kept(db.sql) == kept)

                try await M033_NumberPeople().revert(on: db)
                try await M032_KeepCrossingsApart().revert(on: db)
                try await M030_PackCrossingAttributes().revert(on: db)
                let unpacked = try await db.sql.raw("""
                    SELECT id, pseudonym, crossed_at, border_post, direction, sex, age, birth_year, nationality, residence, purpose FROM movements ORDER BY id
                    """).all(decoding: Unpacked.self)
                #expect(unpacked.map(\.packed) == before, "each crossing's six columns hold its attributes")
                #expect(unpacked.contains { $0.age != nil } && unpacked.contains { $0.birth_year != nil })
                #expect(try await Self.kept(db.sql, inPeople: true).isEmpty)

                try await Self.forget([M030_PackCrossingAttributes(), M032_KeepCrossingsApart(), M033_NumberPeople()], db.sql)
                try await MigrationRunner.run(IMDMSMigrations.all, on: db, postgres: store.isPostgres)
                #expect(try await Self.crossings(db.sql) == before, "the same crossings with the same ids")
                #expect(try await Self.kept(db.sql).isEmpty)
            }

            let later = try await service.importFile(try MovementPendingTests.laterExtract(), fileName: "later.csv", profile: MovementTests.profile, actor: "test")
            #expect(later.added > 1_000 && !later.derivationPending)
            let added = try await Self.crossings(store.sql).dropFirst(before.count)
            #expect(added.count == later.added && added.first!.id > before.last!.id, "new crossings take ids after the old ones")
            #expect(try await MovementPendingTests.derived(store) == expected, "the same statistics as two imports with no migration between")
        }
    }
}
