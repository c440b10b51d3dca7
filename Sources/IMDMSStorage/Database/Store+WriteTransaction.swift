import FluentKit
import FluentSQLiteDriver
import SQLKit

extension Store {
    /// A transaction that writes. On SQLite:
    /// - It takes the write lock with its first statement: a transaction that read first and wrote
    ///   later failed at once with "database is locked" when another connection (the server's, or
    ///   `imdms import` in another process) had written in between — SQLite cannot wait for a lock
    ///   its older snapshot may no longer use. Taken first, the lock is waited for (the driver's
    ///   busy handler) and nothing fails. The statement matches no row; it is a write only to
    ///   SQLite's locking. PostgreSQL locks rows as it goes.
    /// - Its statement journals (a statement that writes many rows, such as `INSERT … SELECT`, must
    ///   be undoable on its own) stay in memory.
    ///   SQLite decides that when the transaction starts writing, from `temp_store`; set inside
    ///   the transaction it came too late, and every bulk statement wrote its journal to a
    ///   temporary file (a sixth of storing a million crossings). Put back afterwards: a pooled
    ///   connection's large sorts keep spilling to disk (D68).
    /// - `checkpointLater`: the commit does not copy the write-ahead log into the database file
    ///   (SQLite's automatic checkpoint); call `checkpoint()` for that, while other work goes on (D84).
    /// - `largeCache`: the body's bulk writes may ask for more page cache than `BulkWriter`'s usual
    ///   (up to `BulkWriter.sqliteLargeCacheKiB`); the connection gets the usual back afterwards (a
    ///   pooled connection keeps its cache, and fills it as the database grows: D68).
    public func writeTransaction<T: Sendable>(checkpointLater: Bool = false, largeCache: Bool = false,
                                              _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard !isPostgres else { return try await database.transaction(body) }
        return try await database.withConnection { connection in
            try await connection.sql.raw("PRAGMA temp_store = MEMORY").run()
            if checkpointLater { try await connection.sql.raw("PRAGMA wal_autocheckpoint = 0").run() }
            func putBack() async throws {
                try await connection.sql.raw("PRAGMA temp_store = DEFAULT").run()
                if checkpointLater { try await connection.sql.raw("PRAGMA wal_autocheckpoint = \(unsafeRaw: String(Self.autocheckpointPages))").run() }
                if largeCache { try await connection.sql.raw("PRAGMA cache_size = -\(unsafeRaw: String(BulkWriter.sqliteCacheKiB))").run() }
            }
            do {
                let result = try await connection.transaction { tx in
                    try await tx.sql.raw("UPDATE settings SET value = value WHERE 0 = 1").run()
                    return try await body(tx)
                }
                try await putBack()
                return result
            } catch {
                try? await putBack()
                throw error
            }
        }
    }

    /// SQLite's default: a commit that leaves this many pages in the log copies them to the file.
    static let autocheckpointPages = 1_000

    /// Copies what the write-ahead log holds into the SQLite file, on a connection of its own so
    /// that it runs beside the next transaction (a passive checkpoint waits for no one and stops
    /// where a reader still needs the log). Nothing on PostgreSQL; a failure only leaves the copy
    /// to SQLite's next automatic checkpoint.
    public func checkpoint() async {
        guard case let .sqlite(path) = location else { return }
        do {
            let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger).get()
            _ = try? await connection.query("PRAGMA wal_checkpoint(PASSIVE)", [])
            try await connection.close()
        } catch {
            logger.debug("checkpoint skipped: \(error)")
        }
    }
}
