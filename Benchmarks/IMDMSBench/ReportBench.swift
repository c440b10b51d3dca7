import Foundation
import IMDMSCore
import IMDMSStorage

/// `imdms-bench reports`: the quarterly bulletin on national-scale demo data (all datasets,
/// 2015–2025, over five million observations), p50/p95 of HTML and XLSX over repeated runs, on
/// SQLite (`IMDMS_BENCH_SQLITE`, default /tmp/imdms-bench-national.sqlite, kept between runs) and on
/// PostgreSQL when `IMDMS_BENCH_POSTGRES_URL` names a database (loaded when empty).
enum ReportBench {
    static let iterations = 30

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
    }

    /// A new builder per report, as each web request makes one (its own memo, the shared cache).
    static func builder(_ store: Store, _ reference: ReferenceConfiguration, _ library: ReportLibrary) -> ReportBuilder {
        ReportBuilder(store: store, reference: reference, library: library, visibility: .released(asOf: Date()), disclosureControl: true)
    }

    static func run() async throws {
        print("| database | observations | load (s) | cache | HTML p50 (ms) | HTML p95 (ms) | XLSX p50 (ms) | XLSX p95 (ms) |")
        print("|---|---|---|---|---|---|---|---|")
        try await NationalDatabases.each { name, store, reference, loadSeconds in
            let count = try await SubmissionRepository(store: store).observationCount()
            let library = try ReportLibrary.load(overrides: nil, reference: reference)
            let report = library.report("quarterly-bulletin")!
            let period = try Period(parsing: "2025-Q4")
            for cold in [true, false] {
                var html: [Double] = [], xlsx: [Double] = []
                let runs = cold ? 6 : iterations
                for i in 0..<(runs + 2) {
                    if cold { await store.tableCache.clear() }
                    let (_, h) = try await measure { ReportRenderer(try await builder(store, reference, library).make(report, period: period)).html(template: library.template) }
                    if cold { await store.tableCache.clear() }
                    let (_, x) = try await measure { try ReportRenderer(try await builder(store, reference, library).make(report, period: period)).xlsx() }
                    if i >= 2 { html.append(h * 1000); xlsx.append(x * 1000) }  // two warm-up runs
                }
                print("| \(name) | \(count) | \(String(format: "%.1f", loadSeconds)) | \(cold ? "cold (\(runs) runs)" : "warm (\(runs) runs)") | "
                    + "\(String(format: "%.0f", percentile(html, 0.5))) | \(String(format: "%.0f", percentile(html, 0.95))) | "
                    + "\(String(format: "%.0f", percentile(xlsx, 0.5))) | \(String(format: "%.0f", percentile(xlsx, 0.95))) |")
                FileHandle.standardOutput.synchronizeFile()
            }
        }
    }
}
