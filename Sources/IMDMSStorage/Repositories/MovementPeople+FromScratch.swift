import FluentSQLiteDriver
import Foundation
import IMDMSCore
import Logging

extension MovementPeople {
    /// Every person in an SQLite store with all their crossings, as the derivation reads them when
    /// it derives the whole store again (`open(all:)`: nothing settled, nothing kept, every crossing
    /// new) — read from `movements` alone, on a connection of its own (D89). The derivation's
    /// transaction holds the write lock, so that connection sees the crossings as the transaction
    /// does; and reading them goes on beside the transaction's writing (BORDER_CROSSINGS, D88)
    /// instead of waiting for it on the same connection. `body` is called once per person, in
    /// the order of their numbers; the next page is read while one is derived. Returns how many people were read.
    static func forEachPersonFromScratch(sqlitePath path: String, logger: Logger, _ body: (Person) throws -> Void) async throws -> Int {
        try await onOwnConnection(sqlitePath: path, logger: logger) { connection in
            try await forEachPage({ after, limit in try await scratchPage(after: after, limit: limit, on: connection) }, body)
        }
    }

    /// `read` on a connection of its own to the SQLite store at `path`, in one snapshot (a read
    /// transaction) for every page, closed afterwards.
    static func onOwnConnection<T>(sqlitePath path: String, logger: Logger, _ read: (SQLiteConnection) async throws -> T) async throws -> T {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            _ = try await connection.query("BEGIN")
            let result = try await read(connection)
            _ = try await connection.query("ROLLBACK")
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Up to `limit` people after `after`, each with every crossing (one text a person, put together
    /// by SQLite as `page` does), none kept, all new.
    private static func scratchPage(after: Int, limit: Int, on connection: SQLiteConnection) async throws -> [Person] {
        let lastRows = try await connection.query("""
            SELECT person FROM (SELECT DISTINCT person FROM movements WHERE person > ?1 ORDER BY person LIMIT ?2) page
            ORDER BY person DESC LIMIT 1
            """, [.integer(after), .integer(max(1, limit))])
        guard let last = lastRows.first?.column("person")?.integer else { return [] }
        let rows = try await connection.query("""
            SELECT person, group_concat(concat_ws(char(31), crossed_at, border_post, direction, attributes, '1'), char(30)) AS crossings
            FROM movements WHERE person > ?1 AND person <= ?2 GROUP BY person ORDER BY person
            """, [.integer(after), .integer(last)])
        return rows.map { row in
            var person = Person(person: row.column("person")?.integer ?? 0, settledUntil: "", resident: nil, kept: nil, changesAt: nil, movements: [], isNew: [])
            person.read(kept: nil, new: row.column("crossings")?.string ?? "")
            return person
        }
    }
}
