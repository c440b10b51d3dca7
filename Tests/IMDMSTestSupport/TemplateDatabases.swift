import Foundation
import IMDMSStorage

/// Migrated empty databases, made once per test process and copied for each test (as
/// SwiftPackageIndex-Server restores a snapshot) instead of migrating every time: a file copy on
/// SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL. Each test still opens its copy with
/// `Store.open`, which finds every migration applied. A seeded template (`TemplateSeed`: the
/// reference, a year of demo data) is made once from the empty one and copied the same way.
actor TemplateDatabases {
    static let shared = TemplateDatabases()

    private struct Key: Hashable {
        var backend: TestBackend
        var seed: String?
    }

    private var made: [Key: Task<String, any Error>] = [:]

    /// The template's SQLite path, or its PostgreSQL database name.
    func template(_ backend: TestBackend, seed: TemplateSeed? = nil) async throws -> String {
        let key = Key(backend: backend, seed: seed?.name)
        if let task = made[key] { return try await task.value }
        let task = Task {
            guard let seed else { return try await Self.make(backend) }
            let (location, name) = try await backend.copy(of: try await template(backend), named: Self.prefix + String(getpid()) + "_" + UUID().uuidString.prefix(8).lowercased())
            let store = try await Store.open(location, logger: TestBackend.quietLogger)
            do { try await seed.prepare(store) } catch {
                await store.close()
                throw error
            }
            await store.close()
            return name
        }
        made[key] = task
        return try await task.value
    }

    static let prefix = "imdms_template_"

    private static func make(_ backend: TestBackend) async throws -> String {
        let name = prefix + String(getpid())
        switch backend {
        case .sqlite:
            let temporary = FileManager.default.temporaryDirectory
            // Templates of test runs that have ended.
            for old in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] where old.hasPrefix(prefix) && !isRunning(old) {
                try? FileManager.default.removeItem(at: temporary.appendingPathComponent(old))
            }
            let path = temporary.appendingPathComponent(name + "_" + UUID().uuidString.prefix(8)).path + "/imdms.sqlite"
            let store = try await Store.open(.sqlite(path: path), logger: TestBackend.quietLogger)
            await store.close()  // the last connection's close folds the write-ahead log into the file
            return path
        case .postgres:
            guard let adminURL = TestBackend.postgresURL else { throw TestSetupError("\(TestBackend.postgresURLVariable) is not set") }
            try await TestBackend.admin(adminURL) { sql in
                struct Row: Decodable { var datname: String }
                let old = try await sql.raw("SELECT datname FROM pg_database WHERE datname LIKE 'imdms_template_%'").all(decoding: Row.self)
                for row in old where !isRunning(row.datname) || row.datname == name {
                    // The names are made by this code (prefix and a process id), never from input.
                    try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: row.datname) WITH (FORCE)").run()
                }
                try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
            }
            let store = try await Store.open(.postgres(url: TestBackend.replacingDatabase(in: adminURL, with: name)), logger: TestBackend.quietLogger)
            await store.close()
            return name
        }
    }

    /// Whether the process named in a template's name (`imdms_template_<pid>…`) still runs.
    private static func isRunning(_ templateName: String) -> Bool {
        let digits = templateName.dropFirst(prefix.count).prefix { $0.isNumber }
        guard let pid = Int32(digits) else { return false }
        return kill(pid, 0) == 0
    }
}
