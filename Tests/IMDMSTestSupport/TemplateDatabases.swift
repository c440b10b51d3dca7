import Foundation
import IMDMSStorage

/// Migrated empty databases, made once per test process and copied for each test (as
/// SwiftPackageIndex-Server restores a snapshot) instead of migrating every time: a file copy on
/// SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL. Each test still opens its copy with
/// `Store.open`, which finds every migration applied.
actor TemplateDatabases {
    static let shared = TemplateDatabases()

    private var made: [TestBackend: Task<String, any Error>] = [:]

    /// The template's SQLite path, or its PostgreSQL database name.
    func template(_ backend: TestBackend) async throws -> String {
        if let task = made[backend] { return try await task.value }
        let task = Task { try await Self.make(backend) }
        made[backend] = task
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
