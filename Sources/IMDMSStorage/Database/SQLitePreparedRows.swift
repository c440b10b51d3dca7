import FluentSQLiteDriver
import Foundation
import VaporCSQLite

/// Rows written through one prepared statement, stepped once a row, on the `sqlite3` handle of the
/// SQLiteNIO connection that runs the transaction (D94). SQLiteNIO prepares every statement it is
/// given anew, so `BulkWriter` sent multi-row INSERTs — and SQLite parsed each of them: 260,000
/// observations of 17 values took 1.36 s through multi-row INSERTs and 0.76 s through one
/// statement stepped once a row (the same SQLite, in C); in IMDMS, with SQLiteNIO's conversion of
/// every value, the multi-row INSERTs took 2.0 s.
struct SQLitePreparedRows {
    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        let message: String
        var description: String { "SQLite error \(code): \(message)" }
    }

    /// The connection's `sqlite3` handle. SQLiteNIO keeps it internal (`handle.raw`); it is read
    /// by reflection. Nil if that ever changes (then `BulkWriter` sends multi-row INSERTs as before,
    /// and `BulkWriterTests.handle` fails so that it is seen).
    static func handle(of connection: SQLiteConnection) -> OpaquePointer? {
        Mirror(reflecting: connection).descendant("handle", "raw") as? OpaquePointer
    }

    /// Runs `sql` (one row's `?` placeholders, `width` of them) once for each `width` values, on
    /// SQLite's thread pool, holding the connection's mutex throughout: no other statement on the
    /// connection runs between two rows, so the count of changed rows is this statement's alone.
    /// Returns how many rows changed (a row skipped by `ON CONFLICT DO NOTHING` is not one), or
    /// nil when the handle cannot be had.
    static func write(_ sql: String, width: Int, values: [BulkWriter.Value], on database: any SQLiteDatabase) async throws -> Int? {
        try await database.withConnection { connection -> Int? in
            guard let handle = handle(of: connection) else { return nil }
            nonisolated(unsafe) let db = handle
            return try await NIOThreadPool.singleton.runIfActive {
                try Self.run(sql, width: width, values: values, on: db)
            }
        }
    }

    private static func run(_ sql: String, width: Int, values: [BulkWriter.Value], on db: OpaquePointer) throws -> Int {
        let mutex = sqlite_nio_sqlite3_db_mutex(db)
        sqlite_nio_sqlite3_mutex_enter(mutex)
        defer { sqlite_nio_sqlite3_mutex_leave(mutex) }
        var statement: OpaquePointer?
        try check(sqlite_nio_sqlite3_prepare_v3(db, sql, -1, 0, &statement, nil), db)
        defer { sqlite_nio_sqlite3_finalize(statement) }
        guard let statement else { return 0 }
        var changed = 0
        var start = 0
        while start < values.count {
            // A value equal to the previous row's stays bound (SQLite keeps bindings from one step to
            // the next): a derived dataset's rows come series by series, their codes the same row after row.
            for column in 0..<width where start == 0 || values[start + column] != values[start - width + column] {
                try check(bind(values[start + column], at: Int32(column + 1), of: statement), db)
            }
            let result = sqlite_nio_sqlite3_step(statement)
            guard result == SQLITE_DONE else {
                let failure = Failure(code: result, message: String(cString: sqlite_nio_sqlite3_errmsg(db)))
                sqlite_nio_sqlite3_reset(statement)
                throw failure
            }
            changed += Int(sqlite_nio_sqlite3_changes(db))
            sqlite_nio_sqlite3_reset(statement)
            start += width
        }
        return changed
    }

    /// Binds one value; a text is copied by SQLite (`SQLITE_TRANSIENT`), an empty one stays a text.
    private static func bind(_ value: BulkWriter.Value, at index: Int32, of statement: OpaquePointer) -> Int32 {
        switch value {
        case var .text(text):
            return text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    sqlite_nio_sqlite3_bind_text64(statement, index, chars.baseAddress ?? emptyText, UInt64(chars.count),
                                                   transient, UInt8(SQLITE_UTF8))
                }
            }
        case let .integer(number): return sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
        case let .double(number): return sqlite_nio_sqlite3_bind_double(statement, index, number)
        case let .boolean(flag): return sqlite_nio_sqlite3_bind_int64(statement, index, flag ? 1 : 0)
        case .null: return sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private static func check(_ result: Int32, _ db: OpaquePointer) throws {
        guard result == SQLITE_OK else { throw Failure(code: result, message: String(cString: sqlite_nio_sqlite3_errmsg(db))) }
    }

    /// SQLite's `SQLITE_TRANSIENT`: it copies the value before the bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// A non-null pointer for an empty text (a null one would bind NULL).
    private static var emptyText: UnsafePointer<CChar> {
        let empty: StaticString = ""
        return UnsafeRawPointer(empty.utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
