import FluentKit
import Foundation
@testable import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

/// A migration is applied with its record in one transaction: one that fails (or is killed) half
/// way leaves nothing of itself, and the next start applies it whole.
@Suite("Migrations, each in a transaction")
struct MigrationRunnerTests {
    struct CreateA: AsyncMigration {
        func prepare(on database: any Database) async throws { try await database.sql.raw("CREATE TABLE a_test (id INTEGER)").run() }
        func revert(on database: any Database) async throws {}
    }

    /// Makes its table, then fails before it is done (`fail`), as a killed process stops.
    struct CreateB: AsyncMigration {
        var fail: Bool
        var name: String { "CreateB" }
        struct Stopped: Error {}
        func prepare(on database: any Database) async throws {
            try await database.sql.raw("CREATE TABLE b_test (id INTEGER)").run()
            if fail { throw Stopped() }
            try await database.sql.raw("CREATE INDEX b_test_by_id ON b_test (id)").run()
        }
        func revert(on database: any Database) async throws {}
    }

    @Test("A migration stopped half way leaves neither its table nor its record; the next run applies it", arguments: TestBackend.available)
    func halfWay(backend: TestBackend) async throws {
        let (location, remove) = try await backend.emptyLocation()
        let store = try await Store.open(location, migrate: false, logger: TestBackend.quietLogger)
        do {
            let postgres = store.isPostgres
            func exists(_ table: String) async -> Bool { (try? await store.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").all()) != nil }
            func recorded() async throws -> [String] { try await MigrationLog.query(on: store.database).all().map(\.name).sorted() }
            await #expect(throws: CreateB.Stopped.self) {
                try await MigrationRunner.run([CreateA(), CreateB(fail: true)], on: store.database, postgres: postgres)
            }
            #expect(await exists("a_test"))
            #expect(!(await exists("b_test")), "the stopped migration's table went with its transaction")
            #expect(try await recorded() == [CreateA().name])
            try await MigrationRunner.run([CreateA(), CreateB(fail: false)], on: store.database, postgres: postgres)
            #expect(await exists("b_test"))
            #expect(try await recorded() == [CreateA().name, "CreateB"].sorted())
            try await MigrationRunner.run([CreateA(), CreateB(fail: false)], on: store.database, postgres: postgres)  // nothing left to do
            await store.close()
            try await remove()
        } catch {
            await store.close()
            try? await remove()
            throw error
        }
    }
}
