import Foundation
import IMDMSCore
import IMDMSStorage
import Logging

/// The databases the national-scale benchmarks run on: SQLite (`IMDMS_BENCH_SQLITE`, default
/// /tmp/imdms-bench-national.sqlite, kept between runs) and PostgreSQL when
/// `IMDMS_BENCH_POSTGRES_URL` names a database; each loaded with the national demo data when empty.
enum NationalDatabases {
    static func each(_ body: (_ name: String, _ store: Store, _ reference: ReferenceConfiguration, _ loadSeconds: Double) async throws -> Void) async throws {
        let environment = ProcessInfo.processInfo.environment
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        var targets: [(String, StorageLocation)] = [("SQLite", .sqlite(path: environment["IMDMS_BENCH_SQLITE"] ?? "/tmp/imdms-bench-national.sqlite"))]
        if let url = environment["IMDMS_BENCH_POSTGRES_URL"] { targets.append(("PostgreSQL", .postgres(url: url))) }
        for (name, location) in targets {
            let store = try await Store.open(location, logger: logger)
            do {
                try await ReferenceRepository(store: store).seedIfEmpty(try ReferenceConfiguration.lesotho())
                let reference = try await ReferenceRepository(store: store).load()
                let (_, loadSeconds) = try await measure { try await DemoLoader(store: store, reference: reference).load(scale: .national) }
                try await body(name, store, reference, loadSeconds)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        }
    }
}
