import Foundation
import IMDMSCore
import SQLKit

/// Every current observation of one dataset that a reader may see, with the producer's
/// confidentiality: what a protected cube is built from.
struct VisibleObservationsReader: Sendable {
    let store: Store

    func observations(_ structure: DataStructure, visibility: DataVisibility) async throws -> [Observation] {
        let count = structure.dimensions.count
        let select = store.sql.select()
        for position in 1...count { select.column(SQLColumn("k\(position)", table: "o")) }
        select.column(SQLColumn("period", table: "o")).column(SQLColumn("value", table: "o")).column(SQLColumn("conf_status", table: "o"))
            .fromCurrentObservations(dataset: structure.id, visibility: visibility)
        var periods = StoredPeriods(datasetID: structure.id)
        return try await ObservationRows(dimensions: count, extra: ["conf_status"]).read(select.query, store: store).map { row in
            Observation(key: row.key, period: try periods.period(row.period), value: row.value,
                        confidentiality: ConfidentialityStatus(rawValue: row.extra[0]) ?? .free)
        }
    }

    /// The datasets with at least one value a producer sent as not for publication, current or not,
    /// visible or not: read from the partial index alone (M015), never from the observations. (Joined
    /// to the visible submissions, the planner walked every observation: 2.5 s at seven million.)
    /// A dataset listed here whose confidential values the reader cannot see gets a cube that
    /// withholds nothing.
    func datasetsWithConfidentialValues() async throws -> Set<String> {
        struct Found: Decodable { var dataset_id: String }
        let rows = try await store.sql.select().distinct().column("dataset_id").from("observations")
            .where("conf_status", .notEqual, SQLBind(ConfidentialityStatus.free.rawValue))
            .all(decoding: Found.self)
        return Set(rows.map(\.dataset_id))
    }
}
