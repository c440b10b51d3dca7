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

    /// Coverage of every dataset that has observations `visibility` lets the reader see, keyed by dataset id.
    public func coverage(visibility: DataVisibility) async throws -> [String: DatasetCoverage] {
        let rows = try await store.sql.select()
            .column(SQLColumn("dataset_id", table: "o"))
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .column(SQLFunction("MIN", args: SQLColumn("period", table: "o")), as: "first")
            .column(SQLFunction("MAX", args: SQLColumn("period", table: "o")), as: "last")
            .fromCurrentObservations(visibility: visibility)
            .groupBy(SQLColumn("dataset_id", table: "o"))
            .all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map {
            ($0.dataset_id, DatasetCoverage(datasetID: $0.dataset_id, observationCount: $0.n, firstPeriod: $0.first, lastPeriod: $0.last))
        })
    }
}
