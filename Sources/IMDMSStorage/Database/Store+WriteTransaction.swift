import FluentKit
import SQLKit

extension Store {
    /// A transaction that writes. On SQLite:
    /// - It takes the write lock with its first statement: a transaction that read first and wrote
    ///   later failed at once with "database is locked" when another connection (the server's, or
    ///   `imdms import` in another process) had written in between — SQLite cannot wait for a lock
    ///   its older snapshot may no longer use. Taken first, the lock is waited for (the driver's
    ///   busy handler) and nothing fails. The statement matches no row; it is a write only to
    ///   SQLite's locking. PostgreSQL locks rows as it goes.
    /// - Its statement journals (each multi-row INSERT must be undoable on its own) stay in memory.
    ///   SQLite decides that when the transaction starts writing, from `temp_store`; set inside
    ///   the transaction it came too late, and every bulk statement wrote its journal to a
    ///   temporary file (a sixth of storing a million crossings). Put back afterwards: a pooled
    ///   connection's large sorts keep spilling to disk (D68).
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard !isPostgres else { return try await database.transaction(body) }
        return try await database.withConnection { connection in
            try await connection.sql.raw("PRAGMA temp_store = MEMORY").run()
            do {
                let result = try await connection.transaction { tx in
                    try await tx.sql.raw("UPDATE settings SET value = value WHERE 0 = 1").run()
                    return try await body(tx)
                }
                try await connection.sql.raw("PRAGMA temp_store = DEFAULT").run()
                return result
            } catch {
                try? await connection.sql.raw("PRAGMA temp_store = DEFAULT").run()
                throw error
            }
        }
    }
}
