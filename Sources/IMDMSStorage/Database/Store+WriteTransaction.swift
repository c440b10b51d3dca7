import FluentKit
import SQLKit

extension Store {
    /// A transaction that writes. On SQLite it takes the write lock with its first statement: a
    /// transaction that read first and wrote later failed at once with "database is locked" when
    /// another connection (the server's, or `imdms import` in another process) had written in
    /// between — SQLite cannot wait for a lock its older snapshot may no longer use. Taken first,
    /// the lock is waited for (the driver's busy handler) and nothing fails. The statement matches
    /// no row; it is a write only to SQLite's locking. PostgreSQL locks rows as it goes.
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let sqlite = !isPostgres
        return try await database.transaction { tx in
            if sqlite { try await tx.sql.raw("UPDATE settings SET value = value WHERE 0 = 1").run() }
            return try await body(tx)
        }
    }
}
