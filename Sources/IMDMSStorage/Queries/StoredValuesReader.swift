import IMDMSCore
import SQLKit

/// Current stored values of a dataset for some periods, for comparing an incoming file.
public struct StoredValuesReader: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    private struct Row: Decodable { var series_key: String; var period: String; var value: Double? }

    /// `series key + " " + period` → value, from what `organisationID` itself sent (not others'
    /// data, not statistics IMDMS derived): warnings quote these values to the producer.
    public func values(datasetID: String, periods: Set<Period>, organisationID: String) async throws -> [String: Double] {
        guard !periods.isEmpty else { return [:] }
        let rows = try await store.sql.select()
            .column(SQLColumn("series_key", table: "o")).column(SQLColumn("period", table: "o")).column(SQLColumn("value", table: "o"))
            .fromCurrentObservations(dataset: datasetID)
            .where(periods: periods.map(\.formatted).sorted(), table: "o")
            .where(SQLColumn("organisation_id", table: "s"), .equal, SQLBind(organisationID))
            .where(SQLColumn("channel", table: "s"), .notEqual, SQLBind(Submission.Channel.system.rawValue))
            .all(decoding: Row.self)
        var result: [String: Double] = [:]
        for row in rows { if let value = row.value { result[row.series_key + " " + row.period] = value } }
        return result
    }
}
