import FluentKit
import SQLKit

/// Applies migrations not yet applied, each **in one transaction with its record** in Fluent's
/// `_fluent_migrations` (the same table and rows Fluent's `Migrator` kept, so existing databases
/// carry on). Fluent's migrator ran a migration's statements and then recorded it, outside any
/// transaction: an `imdms` command killed during the first start of a new PostgreSQL database
/// (2 of 20 kills at 0.5 s) left a migration half applied and unrecorded, and every later start
/// failed on the table it had already made. Both databases change their schema transactionally.
/// Two processes starting at once: on PostgreSQL each transaction takes an advisory lock and looks
/// again; on SQLite the first statement takes the write lock (D73).
enum MigrationRunner {
    static func run(_ migrations: [any AsyncMigration], on database: any Database, postgres: Bool) async throws {
        // The record table, if missing (on SQLite its creation is the transaction's first write).
        try await transaction(on: database, postgres: postgres, recordTable: false) { tx in
            try await MigrationLog.migration.prepare(on: tx).get()
        }
        let batch = (try await MigrationLog.query(on: database).sort(\.$batch, .descending).first()?.batch ?? 0) + 1
        for migration in migrations {
            guard try await MigrationLog.query(on: database).filter(\.$name == migration.name).count() == 0 else { continue }
            try await transaction(on: database, postgres: postgres, recordTable: true) { tx in
                // Another process may have applied it meanwhile (it held the lock).
                guard try await MigrationLog.query(on: tx).filter(\.$name == migration.name).count() == 0 else { return }
                database.logger.debug("migration \(migration.name)")
                try await migration.prepare(on: tx)
                try await MigrationLog(name: migration.name, batch: batch).create(on: tx)
            }
        }
    }

    /// A transaction that holds the schema lock from its start (`recordTable`: the record table exists).
    private static func transaction(on database: any Database, postgres: Bool, recordTable: Bool,
                                    _ body: @escaping @Sendable (any Database) async throws -> Void) async throws {
        try await database.transaction { tx in
            if postgres {
                try await tx.sql.raw("SELECT pg_advisory_xact_lock(4711025)").run()
            } else if recordTable {
                // A write that matches nothing takes the lock.
                try await tx.sql.raw("UPDATE _fluent_migrations SET batch = batch WHERE 0 = 1").run()
            }
            try await body(tx)
        }
    }
}
