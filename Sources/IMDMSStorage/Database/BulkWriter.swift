import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Writes many rows at once on whatever connection it is given (usually a storing transaction):
/// on SQLite one prepared INSERT stepped once a row on the connection's own handle
/// (`SQLitePreparedRows`, D94: through SQLiteNIO every multi-row INSERT was parsed anew, which for
/// rows of many columns cost as much as inserting them; those had been three to four times the
/// SQLKit builder, which encodes every value through `Encodable`), and
/// `COPY … FROM STDIN` on PostgreSQL (about twenty times multi-row INSERTs). Values are bound or
/// escaped, never spliced into SQL; table and column names come from the code, not from input.
struct BulkWriter {
    /// One value of a row, in the few types the bulk tables use.
    enum Value: Sendable, Equatable {
        case text(String)
        case integer(Int)
        case double(Double)
        case boolean(Bool)
        case null

        static func optional(_ value: String?) -> Value { value.map(Value.text) ?? .null }
        static func optional(_ value: Int?) -> Value { value.map(Value.integer) ?? .null }
        static func optional(_ value: Double?) -> Value { value.map(Value.double) ?? .null }
        /// A UUID as both drivers' encoders write it (text on SQLite; PostgreSQL's `uuid` reads the same text).
        static func uuid(_ value: UUID) -> Value { .text(value.uuidString) }

        var sqlite: SQLiteData {
            switch self {
            case let .text(text): .text(text)
            case let .integer(number): .integer(number)
            case let .double(number): .float(number)
            case let .boolean(value): .integer(value ? 1 : 0)
            case .null: .null
            }
        }

        /// PostgreSQL COPY text format: `\N` for NULL, backslash escapes.
        func appendCopyText(to text: inout String) {
            switch self {
            case let .text(value): text += Self.copyEscaped(value)
            case let .integer(number): text += String(number)
            case let .double(number): text += String(number)
            case let .boolean(value): text += value ? "t" : "f"
            case .null: text += "\\N"
            }
        }

        /// Backslash, tab, line feed and carriage return escaped — looked for as bytes: as
        /// `Character`s, "\r\n" is one grapheme equal to neither "\r" nor "\n" and went through
        /// unescaped, ending the COPY row in the middle of a value.
        /// The bytes are looked at through `withUTF8`: through the `utf8` view's iterator, a kept
        /// person's crossings (16,066 checkpoints, 4.6 MB) took 115–138 ms to write out, most of the COPY.
        static func copyEscaped(_ value: String) -> String {
            var value = value
            let plain = value.withUTF8 { bytes in !bytes.contains { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }
            guard !plain else { return value }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(value.utf8.count + 8)
            for byte in value.utf8 {
                switch byte {
                case 0x5C: bytes += [0x5C, 0x5C]
                case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
                case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
                case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
                default: bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// SQLite allows 32,766 bound values a statement.
    static let sqliteBindLimit = 32_000
    /// SQLite's page cache for connections that write in bulk, in KiB.
    static let sqliteCacheKiB = 65_536
    /// The largest page cache a bulk write asks for, in KiB (adding rows at scattered places of
    /// a large index: an extract's crossings to a store of millions).
    static let sqliteLargeCacheKiB = 262_144
    /// SQLite's own default (2 MB), which `Store.restoreSQLitePageCaches` puts back.
    static let sqliteDefaultCacheKiB = 2_000
    /// Rows per COPY data message.
    static let rowsPerCopyChunk = 5_000
    /// PostgreSQL's SQLSTATE for a broken unique key.
    static let uniqueViolation = "23505"

    let database: any Database
    /// SQLite's page cache for this writer's connection, in KiB.
    let sqliteCacheKiB: Int

    init(database: any Database, sqliteCacheKiB: Int = BulkWriter.sqliteCacheKiB) {
        self.database = database
        self.sqliteCacheKiB = sqliteCacheKiB
    }

    /// Inserts `rows` (each with one value per column). `ignoringConflicts`: rows that would
    /// break a UNIQUE constraint are skipped — on SQLite by `ON CONFLICT DO NOTHING`; on
    /// PostgreSQL, where COPY has no conflict clause, by COPY straight into the table under a
    /// savepoint and, only if that breaks a unique key, by COPY into a temporary staging table
    /// (dropped at commit) and one `INSERT … SELECT … ON CONFLICT DO NOTHING`. Call it inside a
    /// transaction when ignoring conflicts.
    /// Returns how many rows were inserted.
    @discardableResult
    func insert(into table: String, columns: [String], rows: [[Value]], ignoringConflicts: Bool = false) async throws -> Int {
        try await insert(into: table, columns: columns, values: rows.flatMap { $0 }, ignoringConflicts: ignoringConflicts)
    }

    /// `insert(into:columns:rows:)` with the rows one after another in one array (a value per
    /// column each): no array a row for the largest tables.
    @discardableResult
    func insert(into table: String, columns: [String], values: [Value], ignoringConflicts: Bool = false) async throws -> Int {
        precondition(values.count % columns.count == 0, "a value for each column of each row")
        guard !values.isEmpty else { return 0 }
        let rows = values.count / columns.count
        if let postgres = database as? any PostgresDatabase {
            guard ignoringConflicts else {
                try await copy(into: table, columns: columns, values: values, on: postgres)
                return rows
            }
            let sql = database.sql
            // Most rows are new (an extract's crossings): a plain COPY takes a third of the staging
            // table's time (1M crossings: 3.0 s against 1.3 s + 7.4 s for `INSERT … ON CONFLICT`).
            // A row already stored (an extract imported again, or overlapping) makes it fail; the
            // savepoint then takes it back and the rows go the long way.
            try await sql.raw("SAVEPOINT bulk_insert").run()
            do {
                try await copy(into: table, columns: columns, values: values, on: postgres)
                try await sql.raw("RELEASE SAVEPOINT bulk_insert").run()
                return rows
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.uniqueViolation {
                try await sql.raw("ROLLBACK TO SAVEPOINT bulk_insert").run()
                try await sql.raw("RELEASE SAVEPOINT bulk_insert").run()
            }
            let staging = table + "_staging"
            let list = SQLList(columns.map { SQLIdentifier($0) })
            try await sql.raw("CREATE TEMPORARY TABLE IF NOT EXISTS \(ident: staging) ON COMMIT DROP AS SELECT \(list) FROM \(ident: table) WITH NO DATA").run()
            try await copy(into: staging, columns: columns, values: values, on: postgres)
            struct Inserted: Decodable { var n: Int }
            let inserted = try await sql.raw("""
                WITH inserted AS (INSERT INTO \(ident: table) (\(list)) SELECT \(list) FROM \(ident: staging) ON CONFLICT DO NOTHING RETURNING 1)
                SELECT COUNT(*) AS n FROM inserted
                """).first(decoding: Inserted.self)?.n ?? 0
            try await sql.raw("TRUNCATE \(ident: staging)").run()
            return inserted
        }
        let sqlite = database as! any SQLiteDatabase
        let suffix = ignoringConflicts ? " ON CONFLICT DO NOTHING" : ""
        return try await insert(into: table, columns: columns, values: values, suffix: suffix, on: sqlite)
    }

    /// Inserts `rows`, each replacing the stored row with the same `key` (a column with a UNIQUE
    /// index) if there is one. On SQLite one `INSERT … ON CONFLICT (key) DO UPDATE`: each stored
    /// row is found once and keeps its place and its index entry (deleting, then inserting, took
    /// both twice). On PostgreSQL, where COPY has no conflict clause, the stored rows are deleted
    /// first.
    func replace(into table: String, key: String, columns: [String], rows: [[Value]]) async throws {
        guard let keyIndex = columns.firstIndex(of: key) else { preconditionFailure("the key is one of the columns") }
        guard !rows.isEmpty else { return }
        guard let sqlite = database as? any SQLiteDatabase else {
            for start in stride(from: 0, to: rows.count, by: 5_000) {
                let keys = rows[start..<min(start + 5_000, rows.count)].map { row -> any Encodable & Sendable in
                    if case let .text(text) = row[keyIndex] { return text }
                    if case let .integer(number) = row[keyIndex] { return number }
                    preconditionFailure("a key is text or a number")
                }
                try await database.sql.delete(from: table).where(SQLIdentifier(key), .in, SQLBind.group(keys)).run()
            }
            try await insert(into: table, columns: columns, rows: rows)
            return
        }
        let updates = columns.filter { $0 != key }.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
        _ = try await insert(into: table, columns: columns, values: rows.flatMap { $0 },
                             suffix: " ON CONFLICT (\"\(key)\") DO UPDATE SET \(updates)", on: sqlite)
    }

    /// The rows through one prepared statement, `suffix` after its values (`SQLitePreparedRows`,
    /// D94). Returns how many rows changed.
    private func insert(into table: String, columns: [String], values: [Value], suffix: String, on sqlite: any SQLiteDatabase) async throws -> Int {
        // A large write in one transaction spills pages to disk mid-way once SQLite's default
        // 2 MB page cache is full; 64 MB (unless the writer asks for more) keeps an index of
        // millions of rows in memory.
        try await sqlite.query("PRAGMA cache_size = -\(sqliteCacheKiB)", []) { _ in }
        let text = Self.statement(table, columns, rows: 1) + suffix
        if let changed = try await SQLitePreparedRows.write(text, width: columns.count, values: values, on: sqlite) { return changed }
        return try await insertMultiRow(into: table, columns: columns, values: values, suffix: suffix, on: sqlite)
    }

    /// Without the connection's handle (`SQLitePreparedRows`): multi-row INSERTs through SQLiteNIO,
    /// as many rows a statement as the bind limit allows, and the connection's count of changed rows
    /// before and after (this transaction's connection runs nothing else meanwhile).
    func insertMultiRow(into table: String, columns: [String], values: [Value], suffix: String, on sqlite: any SQLiteDatabase) async throws -> Int {
        func changes() async throws -> Int {
            try await sqlite.query("SELECT total_changes() AS n", []).first?.column("n")?.integer ?? 0
        }
        let before = try await changes()
        let perStatement = max(1, Self.sqliteBindLimit / columns.count) * columns.count
        var start = 0
        var statement = (count: 0, text: "")
        while start < values.count {
            let end = min(start + perStatement, values.count)
            if statement.count != end - start { statement = (end - start, Self.statement(table, columns, rows: (end - start) / columns.count) + suffix) }
            try await sqlite.query(statement.text, values[start..<end].map(\.sqlite)) { _ in }
            start = end
        }
        return try await changes() - before
    }

    /// COPY `values` into a PostgreSQL table (text format).
    private func copy(into table: String, columns: [String], values: [Value], on postgres: any PostgresDatabase) async throws {
        let logger = database.logger
        try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    var start = 0
                    let width = columns.count
                    while start < values.count {
                        let end = min(start + Self.rowsPerCopyChunk * width, values.count)
                        var text = ""
                        for (index, value) in values[start..<end].enumerated() {
                            if index % width > 0 { text += "\t" }
                            value.appendCopyText(to: &text)
                            if index % width == width - 1 { text += "\n" }
                        }
                        try await writer.write(ByteBuffer(string: text))
                        start = end
                    }
                }
            }
        }.get()
    }

    static func statement(_ table: String, _ columns: [String], rows: Int) -> String {
        var text = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
        let group = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        text += Array(repeating: group, count: rows).joined(separator: ", ")
        return text
    }
}
