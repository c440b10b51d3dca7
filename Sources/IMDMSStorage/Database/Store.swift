import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import IMDMSCore
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// The one handle on IMDMS's database: Fluent for schema and entity writes, SQLKit on the same
/// connection pool for bulk writes and every aggregate read. Works alike on SQLite and PostgreSQL.
public final class Store: Sendable {
    public let location: StorageLocation
    public let databases: Databases
    public let logger: Logger
    /// The key that seals every audit entry written through this store (nil: entries unsealed).
    public let auditSeal: AuditSeal?
    /// Tables computed by this process, reused until the data changes (see `TableCache`).
    public let tableCache = TableCache()
    /// Protected cubes built by this process, rebuilt when the data changes (see `ProtectedCubes`).
    public let protectedCubes = ProtectedCubes()

    private init(location: StorageLocation, databases: Databases, logger: Logger, auditSeal: AuditSeal?) {
        self.auditSeal = auditSeal
        self.location = location
        self.databases = databases
        self.logger = logger
    }

    /// Opens (creating the SQLite file's folder if needed) and, unless told not to, migrates the database.
    public static func open(_ location: StorageLocation, migrate: Bool = true, logger: Logger = Logger(label: "imdms.storage"),
                            auditSeal: AuditSeal? = nil) async throws -> Store {
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        switch location {
        case let .sqlite(path):
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                    throw StorageError.cannotOpen(location: location.description, reason: error.localizedDescription)
                }
            }
            // A new database file is the owner's only (SQLite gives its journal the same mode).
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        case let .postgres(url):
            do {
                databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .psql)
            } catch {
                throw StorageError.cannotOpen(location: location.description, reason: "the URL is not a valid postgres:// URL (\(error))")
            }
        }
        let store = Store(location: location, databases: databases, logger: logger, auditSeal: auditSeal)
        do {
            // Write-ahead logging (kept in the file): readers — the server's pages — go on while
            // a writer — `imdms import` in another process — holds the lock; in the default
            // rollback mode every read waited for the import's transaction (D49).
            if case .sqlite = location { try await store.sql.raw("PRAGMA journal_mode=WAL").run() }
            if migrate { try await store.migrate() }
        } catch {
            await databases.shutdownAsync()
            throw StorageError.cannotOpen(location: location.description, reason: String(describing: error))
        }
        return store
    }

    /// Applies every migration not yet applied, each with its record in one transaction.
    public func migrate() async throws {
        try await MigrationRunner.run(IMDMSMigrations.all, on: database, postgres: isPostgres)
    }

    /// The Fluent database.
    public var database: any Database {
        databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    /// The same database seen through SQLKit.
    public var sql: any SQLDatabase {
        database.sql
    }

    /// The database on one event loop — on SQLite, one connection — chosen by `lane` (modulo the
    /// loops): the parts of one read given different lanes run at the same time. `sql` picks the
    /// next loop at each call, so a read that asked twice (build, then run) could land every part
    /// on the same connection, one after the other (D66).
    public func sql(lane: Int) -> any SQLDatabase {
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
        return databases.database(logger: logger, on: loops[lane % loops.count])!.sql
    }

    public var isPostgres: Bool {
        if case .postgres = location { return true }
        return false
    }

    public func close() async {
        await databases.shutdownAsync()
    }
}
