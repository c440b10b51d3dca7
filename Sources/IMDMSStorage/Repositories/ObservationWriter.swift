import FluentKit
import Foundation
import IMDMSCore

/// Writes a submission's observations on whatever connection it is given (the storing
/// transaction) through `BulkWriter`: prepared multi-row INSERTs on SQLite, COPY on PostgreSQL.
struct ObservationWriter {
    static let columns = ["submission_id", "dataset_id", "series_key"] + (1...8).map { "k\($0)" }
        + ["period", "period_start", "period_end", "value", "obs_status", "conf_status"]
    /// Rows per SQLite INSERT statement (17 values a row within SQLite's bind limit).
    static var rowsPerStatement: Int { BulkWriter.sqliteBindLimit / columns.count }
    /// Observations turned into rows at a time: bounds the memory beside the observations themselves.
    static let rowsPerBatch = 50_000

    let database: any Database

    func insert(_ observations: [Observation], submissionID: UUID, datasetID: String) async throws {
        let writer = BulkWriter(database: database)
        let submission = BulkWriter.Value.uuid(submissionID), dataset = BulkWriter.Value.text(datasetID)
        var periods: [Period: [BulkWriter.Value]] = [:]  // a few periods, many observations
        // Each batch is made while the previous one is stored (SQLite writes on its own thread,
        // PostgreSQL in its own process); one insertion runs at a time, in order. Making them in
        // turn left the database idle for a tenth of a second a batch (260,000 values: 0.3 s).
        var insertion: Task<Void, any Error>?
        var start = 0
        while start < observations.count {
            let end = min(start + Self.rowsPerBatch, observations.count)
            // One array for the batch's rows, not one a row.
            var values: [BulkWriter.Value] = []
            values.reserveCapacity((end - start) * Self.columns.count)
            for observation in observations[start..<end] {
                Self.append(observation, submission: submission, dataset: dataset, periods: &periods, to: &values)
            }
            try await insertion?.value
            insertion = Task { [values] in try await writer.insert(into: "observations", columns: Self.columns, values: values) }
            start = end
        }
        try await insertion?.value
    }

    static func append(_ o: Observation, submission: BulkWriter.Value, dataset: BulkWriter.Value, periods: inout [Period: [BulkWriter.Value]],
                       to values: inout [BulkWriter.Value]) {
        values.append(submission)
        values.append(dataset)
        values.append(.text(o.seriesKey))
        for position in 0..<8 { values.append(position < o.key.count ? .text(o.key[position]) : .null) }
        if periods[o.period] == nil { periods[o.period] = [.text(o.period.formatted), .text(o.period.startDate), .text(o.period.endDate)] }
        values.append(contentsOf: periods[o.period]!)
        values.append(.optional(o.value))
        values.append(.text(o.status.rawValue))
        values.append(.text(o.confidentiality.rawValue))
    }
}
