import Foundation
import IMDMSCore
import IMDMSStorage
import Logging

/// At start, in the background, each report is made once for its latest period as the public sees
/// it: the partial sums its tables read (D53) are built then — one scan of each dataset, half a
/// minute at national scale after an upgrade — rather than by the first reader, and the tables are
/// in memory for the first request.
enum ReportWarmUp {
    static func run(_ context: AppContext, logger: Logger) async {
        let started = Date()
        var made = 0
        for report in context.reports.reports {
            let builder = ReportBuilder(store: context.store, reference: context.reference, library: context.reports,
                                        visibility: .released(asOf: Date()), disclosureControl: true)
            do {
                guard let period = try await builder.defaultPeriod(report) else { continue }
                _ = try await builder.make(report, period: period)
                made += 1
            } catch {
                logger.info("report \(report.id) not prepared at start: \(error)")
            }
        }
        logger.info("\(made) report(s) prepared in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}
