import Foundation
import IMDMSCore
import IMDMSStorage

/// `imdms-bench protected-reads`: on the national database of `imdms-bench reports`, what the
/// public waits for after new data — the first table of national-scale RETURNS (2015–2025: the
/// observations read and the protected cube built), the same after a new data version that
/// changed nothing of it (every period's protection kept), then warm; and the quarterly bulletin
/// (two protected datasets) the same three ways.
enum ProtectedReadBench {
    static func run() async throws {
        print("| database | what | first read after a restart (ms) | after a new data version (ms) | warm (ms) | process peak (MB) |")
        print("|---|---|---|---|---|---|")
        try await NationalDatabases.each { name, store, reference, _ in
            let library = try ReportLibrary.load(overrides: nil, reference: reference)
            let bulletin = library.report("quarterly-bulletin")!
            let period = try Period(parsing: "2025-Q4")
            let returns = TableRequest(datasetID: "RETURNS", rowDimension: "ORIGIN", columnDimension: "RETURN_TYPE",
                                       startPeriod: try Period(parsing: "2025-01"), endPeriod: try Period(parsing: "2025-12"), frequency: .annual)
            let jobs: [(String, () async throws -> Void)] = [
                ("RETURNS table (1.2 million observations)", {
                    _ = try await TableReader(store: store).table(returns, reference: reference, visibility: .released(asOf: Date()))
                }),
                ("quarterly bulletin, HTML", {
                    let builder = ReportBuilder(store: store, reference: reference, library: library, visibility: .released(asOf: Date()), disclosureControl: true)
                    _ = ReportRenderer(try await builder.make(bulletin, period: period)).html(template: library.template)
                }),
            ]
            let only = ProcessInfo.processInfo.environment["IMDMS_BENCH_ONLY"]
            for (what, job) in jobs where only.map({ what.lowercased().contains($0) }) ?? true {
                await store.tableCache.clear()
                await store.protectedCubes.clear()
                let (_, first) = try await measure { try await job() }
                await store.tableCache.clear()
                await store.protectedCubes.expire()
                let (_, again) = try await measure { try await job() }
                var warm: [Double] = []
                for _ in 0..<5 { warm.append(try await measure { try await job() }.1) }
                print("| \(name) | \(what) | \(String(format: "%.0f", first * 1000)) | \(String(format: "%.0f", again * 1000)) | "
                    + "\(String(format: "%.0f", warm.sorted()[2] * 1000)) | \(String(format: "%.0f", residentMegabytes().peak)) |")
            }
        }
    }
}
