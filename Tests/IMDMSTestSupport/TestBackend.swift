import Foundation
import IMDMSCore
import IMDMSStorage
import Logging
import SQLKit

/// The databases every storage test runs against: SQLite always, PostgreSQL when
/// `IMDMS_TEST_POSTGRES_URL` names a server (CI sets it and checks the tests ran).
public enum TestBackend: String, CaseIterable, Sendable {
    case sqlite
    case postgres

    public static let postgresURLVariable = "IMDMS_TEST_POSTGRES_URL"

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment[postgresURLVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// SQLite, plus PostgreSQL when configured (a run without it says so, once).
    public static var available: [TestBackend] {
        guard postgresURL != nil else {
            _ = noPostgresNoted
            return [.sqlite]
        }
        return [.sqlite, .postgres]
    }

    private static let noPostgresNoted: Void = {
        Skips.note("every PostgreSQL run: \(postgresURLVariable) is not set (bash .ci/postgres.sh starts one)")
    }()

    /// Runs `body` with a fresh, migrated, empty database of this kind (a copy of a template), removed afterwards.
    /// `auditSeal`: the audit key the store seals entries with (none by default).
    /// `seed`: what the database holds to begin with, prepared once per process (`TemplateSeed`).
    public func withStore<T: Sendable>(auditSeal: AuditSeal? = nil, seed: TemplateSeed? = nil, _ body: (Store) async throws -> T) async throws -> T {
        let (location, cleanup) = try await freshLocation(seed: seed)
        let store = try await Store.open(location, logger: Self.quietLogger, auditSeal: auditSeal)
        do {
            let result = try await body(store)
            await store.close()
            try await cleanup()
            return result
        } catch {
            await store.close()
            try? await cleanup()
            throw error
        }
    }

    /// Tests log warnings and errors only.
    public static var quietLogger: Logger {
        var logger = Logger(label: "imdms.test")
        logger.logLevel = .warning
        return logger
    }

    /// A location for a new database, migrated and empty or as `seed` prepares it (a copy of this
    /// process's template), and how to remove it.
    public func freshLocation(seed: TemplateSeed? = nil) async throws -> (StorageLocation, @Sendable () async throws -> Void) {
        let name = "imdms_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let template = try await TemplateDatabases.shared.template(self, seed: seed)
        let (location, copy) = try await self.copy(of: template, named: String(name))
        switch self {
        case .sqlite:
            let folder = (copy as NSString).deletingLastPathComponent
            return (location, { try? FileManager.default.removeItem(atPath: folder) })
        case .postgres:
            let adminURL = Self.postgresURL ?? ""
            return (location, {
                try await Self.admin(adminURL) { sql in try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: copy) WITH (FORCE)").run() }
            })
        }
    }

    /// A location for a new database with nothing in it, not even the schema (migrations are tested
    /// on it), and how to remove it.
    public func emptyLocation() async throws -> (StorageLocation, @Sendable () async throws -> Void) {
        let name = "imdms_empty_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(String(name)).path
            return (.sqlite(path: folder + "/imdms.sqlite"), { try? FileManager.default.removeItem(atPath: folder) })
        case .postgres:
            guard let adminURL = Self.postgresURL else { throw TestSetupError("\(Self.postgresURLVariable) is not set") }
            try await Self.admin(adminURL) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: String(name))").run() }
            return (.postgres(url: Self.replacingDatabase(in: adminURL, with: String(name))), {
                try await Self.admin(adminURL) { sql in try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run() }
            })
        }
    }

    /// A copy of a template database (SQLite: a file in its own folder; PostgreSQL: `CREATE
    /// DATABASE … TEMPLATE`), and its path or database name.
    func copy(of template: String, named name: String) async throws -> (StorageLocation, String) {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: template, toPath: folder + "/imdms.sqlite")
            return (.sqlite(path: folder + "/imdms.sqlite"), folder + "/imdms.sqlite")
        case .postgres:
            guard let adminURL = Self.postgresURL else { throw TestSetupError("\(Self.postgresURLVariable) is not set") }
            // The names are made here, never from input, so they are safe to splice into DDL.
            try await Self.admin(adminURL) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE \(unsafeRaw: template)").run() }
            return (.postgres(url: Self.replacingDatabase(in: adminURL, with: name)), name)
        }
    }

    static func admin(_ url: String, _ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let store = try await Store.open(.postgres(url: url), migrate: false, logger: quietLogger)
        do { try await body(store.sql) } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    /// `postgres://u:p@h:5432/postgres?x` → `postgres://u:p@h:5432/NAME?x`.
    static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)
        components?.path = "/" + name
        return components?.string ?? url
    }
}


public struct TestSetupError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
