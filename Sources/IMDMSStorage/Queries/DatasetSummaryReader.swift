import IMDMSCore
import SQLKit

/// How much current data each dataset holds, and over which periods.
public struct DatasetCoverage: Codable, Sendable, Hashable {
    public var datasetID: String
    public var observationCount: Int
    public var firstPeriod: String?
    public var lastPeriod: String?
}

public struct DatasetSummaryReader: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    private struct Row: Decodable { var dataset_id: String; var n: Int; var first: String?; var last: String? }

    /// Coverage of every dataset that has observations `visibility` lets the reader see, keyed by
    /// dataset id: read from the submissions (their counts and first and last periods), not the
    /// observations.
    public func coverage(visibility: DataVisibility) async throws -> [String: DatasetCoverage] {
        let rows = try await store.sql.select()
            .column(SQLColumn("dataset_id", table: "s"))
            // PostgreSQL sums a BIGINT into NUMERIC: cast back so both databases give an integer.
            .column(SQLRaw("CAST(SUM(s.observation_count) AS BIGINT)"), as: "n")
            .column(SQLFunction("MIN", args: SQLColumn("first_period", table: "s")), as: "first")
            .column(SQLFunction("MAX", args: SQLColumn("last_period", table: "s")), as: "last")
            .from(SQLAlias(SQLIdentifier("submissions"), as: SQLIdentifier("s")))
            .where(SQLColumn("status", table: "s"), .notEqual, SQLBind(SubmissionStatus.superseded.rawValue))
            .where(SQLColumn("observation_count", table: "s"), .greaterThan, SQLBind(0))
            .visible(to: visibility, submissions: "s")
            .groupBy(SQLColumn("dataset_id", table: "s"))
            .all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map {
            ($0.dataset_id, DatasetCoverage(datasetID: $0.dataset_id, observationCount: $0.n, firstPeriod: $0.first, lastPeriod: $0.last))
        })
    }
}
