import Foundation
import IMDMSTestSupport
import NIOPosix
import SQLKit
import SQLiteNIO
import Testing

@testable import IMDMSStorage

/// Bulk writes keep every text as it was given: on PostgreSQL COPY's text format escapes
/// backslashes, tabs and line ends (a Windows line end inside a value, "\r\n", is one Swift
/// `Character` and once slipped through unescaped), and `\N` written by a user is not NULL.
@Suite("Bulk writes keep every text as given")
struct BulkWriterTests {
    static let texts = ["plain", "two\r\nlines", "one\nline", "lone\rreturn", "tab\there", "back\\slash", "\\N", "Mohale’s Hoek é👍🏽\r\n", "\t\\\r\n", ""]

    @Test("Line ends, tabs, backslashes and `\\N` read back equal; NULL stays NULL", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await store.sql.raw("CREATE TABLE bulk_texts (position INTEGER NOT NULL, text TEXT)").run()
            let rows: [[BulkWriter.Value]] = Self.texts.enumerated().map { [.integer($0.offset), .text($0.element)] } + [[.integer(Self.texts.count), .null]]
            try await BulkWriter(database: store.database).insert(into: "bulk_texts", columns: ["position", "text"], rows: rows)
            struct Row: Decodable { var position: Int; var text: String? }
            let read = try await store.sql.raw("SELECT position, text FROM bulk_texts ORDER BY position").all(decoding: Row.self)
            #expect(read.map(\.text) == Self.texts.map(Optional.some) + [nil])
        }
    }

    /// On PostgreSQL the rows go by a plain COPY under a savepoint, and only when that breaks the
    /// unique key by the staging table: both ways must end alike, and the transaction must go on.
    @Test("Ignoring conflicts: rows already stored and repeated rows skipped, the first kept; the transaction goes on", arguments: TestBackend.available)
    func ignoringConflicts(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await store.sql.raw("CREATE TABLE bulk_keys (k INTEGER NOT NULL UNIQUE, label TEXT NOT NULL)").run()
            @Sendable func rows(_ pairs: [(Int, String)]) -> [[BulkWriter.Value]] { pairs.map { [.integer($0.0), .text($0.1)] } }
            let inserted = try await store.writeTransaction { tx in
                let writer = BulkWriter(database: tx)
                return [try await writer.insert(into: "bulk_keys", columns: ["k", "label"], rows: rows([(1, "first"), (2, "first")]), ignoringConflicts: true),
                        try await writer.insert(into: "bulk_keys", columns: ["k", "label"], rows: rows([(2, "again"), (3, "new"), (3, "repeated"), (4, "new")]),
                                                ignoringConflicts: true),
                        try await writer.insert(into: "bulk_keys", columns: ["k", "label"], rows: rows([(5, "after")]), ignoringConflicts: true)]
            }
            #expect(inserted == [2, 2, 1], "the rows each insertion added")
            struct Row: Decodable, Equatable { var k: Int; var label: String }
            let read = try await store.sql.raw("SELECT k, label FROM bulk_keys ORDER BY k").all(decoding: Row.self)
            #expect(read == [Row(k: 1, label: "first"), Row(k: 2, label: "first"), Row(k: 3, label: "new"), Row(k: 4, label: "new"), Row(k: 5, label: "after")])
        }
    }

    /// On SQLite one `INSERT … ON CONFLICT DO UPDATE`; on PostgreSQL the stored rows deleted, then COPY.
    @Test("Replacing by key: a stored row with the key takes every new value (NULL included), others are added, the rest stay", arguments: TestBackend.available)
    func replacing(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await store.sql.raw("CREATE TABLE bulk_people (name TEXT PRIMARY KEY, state TEXT, visits INTEGER NOT NULL)").run()
            try await store.writeTransaction { tx in
                let writer = BulkWriter(database: tx)
                try await writer.insert(into: "bulk_people", columns: ["name", "state", "visits"],
                                        rows: [[.text("ana"), .text("open"), .integer(1)], [.text("ben"), .text("open"), .integer(2)], [.text("cy"), .null, .integer(3)]])
                try await writer.replace(into: "bulk_people", key: "name", columns: ["name", "state", "visits"],
                                         rows: [[.text("ben"), .null, .integer(5)], [.text("cy"), .text("settled"), .integer(6)], [.text("dee"), .text("open"), .integer(1)]])
                try await writer.replace(into: "bulk_people", key: "name", columns: ["name", "state", "visits"], rows: [])
            }
            struct Row: Decodable, Equatable { var name: String; var state: String?; var visits: Int }
            let read = try await store.sql.raw("SELECT name, state, visits FROM bulk_people ORDER BY name").all(decoding: Row.self)
            #expect(read == [Row(name: "ana", state: "open", visits: 1), Row(name: "ben", state: nil, visits: 5),
                             Row(name: "cy", state: "settled", visits: 6), Row(name: "dee", state: "open", visits: 1)])
        }
    }

    /// On SQLite every row goes through one prepared statement on the connection's own handle (D94).
    @Test("Numbers, truth values and NULLs written in bulk read back as given", arguments: TestBackend.available)
    func kinds(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let real = store.isPostgres ? "DOUBLE PRECISION" : "DOUBLE"
            try await store.sql.raw("CREATE TABLE bulk_values (n BIGINT NOT NULL, x \(unsafeRaw: real), flag BOOLEAN, label TEXT)").run()
            let rows: [[BulkWriter.Value]] = [[.integer(-7), .double(2.5), .boolean(true), .text("")], [.integer(Int(Int32.max) + 1), .double(-0.125), .boolean(false), .null],
                                               [.integer(0), .null, .null, .text("x")]]
            #expect(try await BulkWriter(database: store.database).insert(into: "bulk_values", columns: ["n", "x", "flag", "label"], rows: rows) == 3)
            struct Row: Decodable, Equatable { var n: Int; var x: Double?; var flag: Bool?; var label: String? }
            let read = try await store.sql.raw("SELECT n, x, flag, label FROM bulk_values ORDER BY n").all(decoding: Row.self)
            #expect(read == [Row(n: -7, x: 2.5, flag: true, label: ""), Row(n: 0, x: nil, flag: nil, label: "x"),
                             Row(n: Int(Int32.max) + 1, x: -0.125, flag: false, label: nil)])
        }
    }

    /// On SQLite a value equal to the previous row's is left bound (D94): each row must still read back as given.
    @Test("Rows repeating some of the previous row's values read back as given", arguments: TestBackend.available)
    func repeats(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await store.sql.raw("CREATE TABLE bulk_repeats (n INTEGER NOT NULL, code TEXT, note TEXT)").run()
            let rows: [[BulkWriter.Value]] = [[.integer(1), .text("a"), .null], [.integer(2), .text("a"), .null], [.integer(3), .text("b"), .null],
                                               [.integer(4), .text("b"), .text("x")], [.integer(5), .text("b"), .null], [.integer(6), .null, .text("")],
                                               [.integer(7), .text(""), .text("")]]
            try await BulkWriter(database: store.database).insert(into: "bulk_repeats", columns: ["n", "code", "note"], rows: rows)
            struct Row: Decodable, Equatable { var n: Int; var code: String?; var note: String? }
            let read = try await store.sql.raw("SELECT n, code, note FROM bulk_repeats ORDER BY n").all(decoding: Row.self)
            #expect(read == [Row(n: 1, code: "a", note: nil), Row(n: 2, code: "a", note: nil), Row(n: 3, code: "b", note: nil),
                             Row(n: 4, code: "b", note: "x"), Row(n: 5, code: "b", note: nil), Row(n: 6, code: nil, note: ""),
                             Row(n: 7, code: "", note: "")])
        }
    }

    /// A row SQLite refuses stops the insertion with SQLite's own message; the transaction then
    /// takes back what the insertion had written.
    @Test("A refused row fails the insertion with SQLite's message and nothing of it stays", arguments: TestBackend.available)
    func refused(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await store.sql.raw("CREATE TABLE bulk_refused (k INTEGER NOT NULL UNIQUE)").run()
            let error = await #expect(throws: (any Error).self) {
                try await store.writeTransaction { tx in
                    try await BulkWriter(database: tx).insert(into: "bulk_refused", columns: ["k"], rows: [[.integer(1)], [.integer(2)], [.integer(1)]])
                }
            }
            #expect(String(reflecting: try #require(error)).lowercased().contains("unique"), "SQLite's or PostgreSQL's own message")
            struct Count: Decodable { var n: Int }
            #expect(try await store.sql.raw("SELECT COUNT(*) AS n FROM bulk_refused").first(decoding: Count.self)?.n == 0)
        }
    }

    @Test("SQLite: the connection's own handle is found (else bulk writes fall back to multi-row INSERTs, D94)")
    func handle() async throws {
        try await TestBackend.sqlite.withStore { store in
            let sqlite = try #require(store.database as? any SQLiteDatabase)
            let found = try await sqlite.withConnection { connection in SQLitePreparedRows.handle(of: connection) != nil }
            #expect(found, "SQLiteNIO's connection no longer holds its handle as `handle.raw`")
        }
    }

    @Test("SQLite without the handle: multi-row INSERTs write the same texts and count the rows added, conflicts skipped")
    func multiRowFallback() async throws {
        try await TestBackend.sqlite.withStore { store in
            try await store.sql.raw("CREATE TABLE bulk_fallback (k INTEGER NOT NULL UNIQUE, text TEXT)").run()
            let texts = Self.texts
            let added = try await store.writeTransaction { tx in
                let sqlite = try #require(tx as? any SQLiteDatabase)
                let writer = BulkWriter(database: tx)
                let first: [BulkWriter.Value] = texts.enumerated().flatMap { [BulkWriter.Value.integer($0.offset), .text($0.element)] } + [.integer(texts.count), .null]
                let again: [BulkWriter.Value] = [.integer(0), .text("again"), .integer(texts.count + 1), .text("new")]
                return [try await writer.insertMultiRow(into: "bulk_fallback", columns: ["k", "text"], values: first, suffix: " ON CONFLICT DO NOTHING", on: sqlite),
                        try await writer.insertMultiRow(into: "bulk_fallback", columns: ["k", "text"], values: again, suffix: " ON CONFLICT DO NOTHING", on: sqlite)]
            }
            #expect(added == [texts.count + 1, 1])
            struct Row: Decodable { var k: Int; var text: String? }
            let read = try await store.sql.raw("SELECT k, text FROM bulk_fallback ORDER BY k").all(decoding: Row.self)
            #expect(read.map(\.text) == texts.map(Optional.some) + [nil, "new"])
        }
    }

    /// Read by column without `Codable`, the values are those SQLKit's decoding gives.
    @Test("Rows read by column: texts, numbers, truth values, UUIDs and NULLs as SQLKit decodes them", arguments: TestBackend.available)
    func queryRows(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let postgres = store.isPostgres
            try await store.sql.raw("""
                CREATE TABLE bulk_kinds (position INTEGER NOT NULL, label TEXT, amount \(unsafeRaw: postgres ? "DOUBLE PRECISION" : "DOUBLE"),
                                         flag BOOLEAN, ref \(unsafeRaw: postgres ? "UUID" : "UUID"))
                """).run()
            let id = UUID()
            try await store.sql.insert(into: "bulk_kinds").columns("position", "label", "amount", "flag", "ref")
                .values(SQLBind(1), SQLBind("Mohale’s Hoek"), SQLBind(2.5), SQLBind(true), SQLBind(id))
                .values(SQLBind(2), SQLLiteral.null, SQLLiteral.null, SQLBind(false), SQLLiteral.null).run()
            struct Row: Decodable, Equatable { var position: Int; var label: String?; var amount: Double?; var flag: Bool?; var ref: UUID? }
            let query = store.sql.select().columns("position", "label", "amount", "flag", "ref").from("bulk_kinds").orderBy("position").query
            let read = try await QueryRow.read(query, on: store.database) { row in
                Row(position: try #require(try row.int("position")), label: try row.string("label"), amount: try row.double("amount"),
                    flag: try row.bool("flag"), ref: try row.uuid("ref"))
            }
            #expect(read == [Row(position: 1, label: "Mohale’s Hoek", amount: 2.5, flag: true, ref: id), Row(position: 2, label: nil, amount: nil, flag: false, ref: nil)])
            let decoded = try await store.sql.select().columns("position", "label", "amount", "flag", "ref").from("bulk_kinds").orderBy("position").all(decoding: Row.self)
            #expect(read == decoded)
        }
    }

    @Test("After bulk writes on every pooled SQLite connection, the server gives each its default page cache back")
    func pageCaches() async throws {
        try await TestBackend.sqlite.withStore { store in
            try await store.sql.raw("CREATE TABLE bulk_numbers (n INTEGER NOT NULL)").run()
            let lanes = Array(MultiThreadedEventLoopGroup.singleton.makeIterator()).count
            struct Size: Decodable { var cache_size: Int }
            func sizes() async throws -> [Int] {
                var result: [Int] = []
                for lane in 0..<lanes { result.append(try #require(try await store.sql(lane: lane).raw("PRAGMA cache_size").first(decoding: Size.self)).cache_size) }
                return result
            }
            for lane in 0..<lanes {
                let database = store.databases.database(logger: store.logger, on: Array(MultiThreadedEventLoopGroup.singleton.makeIterator())[lane])!
                try await BulkWriter(database: database).insert(into: "bulk_numbers", columns: ["n"], rows: [[.integer(lane)]])
            }
            #expect(try await sizes() == Array(repeating: -BulkWriter.sqliteCacheKiB, count: lanes), "a bulk write leaves its connection's cache raised")
            try await store.restoreSQLitePageCaches()
            #expect(try await sizes() == Array(repeating: -BulkWriter.sqliteDefaultCacheKiB, count: lanes))
        }
    }
}
