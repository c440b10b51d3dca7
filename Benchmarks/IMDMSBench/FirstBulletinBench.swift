import Foundation
import IMDMSCore
import IMDMSStorage

/// `imdms-bench first-bulletin`: the release-day question — how long the first bulletin takes
/// after new data is published. On the national databases (`NationalDatabases`), a new month of
/// border crossings (44,800 observations, 2026-01 onwards) is stored as published, one after the
/// other, and the bulletin of that month's quarter is made right after each: the first request
/// after the change, nothing cleared by hand. Prints the store and the bulletin times (p50, p95).
enum FirstBulletinBench {
    static let months = 8

    static func run() async throws {
        print("| database | first bulletin ever (ms) | store a month p50 / p95 (ms) | first bulletin after it p50 / p95 (ms) | second p50 (ms) |")
        print("|---|---|---|---|---|")
        try await NationalDatabases.each { name, store, reference, _ in
            let library = try ReportLibrary.load(overrides: nil, reference: reference)
            let report = library.report("quarterly-bulletin")!
            guard let structure = reference.structure("BORDER_CROSSINGS") else { return }
            let december = try Period(parsing: "2025-12")
            let template = DemoDataGenerator(reference: reference, years: 2025...2025, scale: .national)
                .observations(for: structure.id).filter { $0.period == december }
            func bulletin(_ period: Period) async throws -> Double {
                try await measure {
                    ReportRenderer(try await ReportBench.builder(store, reference, library).make(report, period: period)).html(template: library.template)
                }.1 * 1000
            }
            let firstEver = try await bulletin(try Period(parsing: "2025-Q4"))
            var stores: [Double] = [], firsts: [Double] = [], seconds: [Double] = []
            for month in 1...months {
                let period = try Period(parsing: String(format: "2026-%02d", month))
                let observations = template.map { o -> Observation in
                    var copy = o
                    copy.period = period
                    copy.value = (o.value ?? 0) + Double(month)
                    return copy
                }
                let submission = Submission(datasetID: structure.id, organisationID: structure.organisationID, source: nil, channel: .demo,
                                            status: .published, isSynthetic: true)
                stores.append(try await measure {
                    try await SubmissionRepository(store: store).store(submission, observations: observations, structure: structure)
                }.1 * 1000)
                let quarter = try Period(parsing: "2026-Q\((month - 1) / 3 + 1)")
                firsts.append(try await bulletin(quarter))
                seconds.append(try await bulletin(quarter))
            }
            func pair(_ values: [Double]) -> String {
                String(format: "%.0f / %.0f", ReportBench.percentile(values, 0.5), ReportBench.percentile(values, 0.95))
            }
            print("| \(name) | \(String(format: "%.0f", firstEver)) | \(pair(stores)) | \(pair(firsts)) | "
                + "\(String(format: "%.0f", ReportBench.percentile(seconds, 0.5))) |")
            FileHandle.standardOutput.synchronizeFile()
        }
    }
}
