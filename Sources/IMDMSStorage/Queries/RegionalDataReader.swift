import Foundation
import IMDMSCore
import SQLKit

/// A regional dataflow's observations (D71), made from the national dataset's tables as the
/// reader sees them (`TableReader`: visibility and disclosure control, and its cache).
public struct RegionalDataReader: Sendable {
    let store: Store
    let national: ReferenceConfiguration

    public init(store: Store, national: ReferenceConfiguration) {
        self.store = store
        self.national = national
    }

    public func observations(_ structure: DataStructure, flow: RegionalMapping.Dataflow, visibility: DataVisibility, disclosureControl: Bool) async throws -> [Observation] {
        guard let source = national.structure(flow.dataset) else { throw StorageError.unknownDataset(flow.dataset) }
        let (store, national) = (store, national)
        return try await RegionalCells(target: structure, flow: flow, national: source).observations { request in
            try await TableReader(store: store).table(request, reference: national, visibility: visibility, disclosureControl: disclosureControl)
        }
    }

    /// Whether the national dataset changed (a submission stored, moved or released) after `date`:
    /// a regional message is made whole, so `updatedAfter` answers all of it or nothing.
    public func changed(_ datasetID: String, after date: Date) async throws -> Bool {
        let row = try await store.sql.select().column(SQLLiteral.numeric("1"), as: "found")
            .from(SQLAlias(SQLIdentifier("submissions"), as: SQLIdentifier("s")))
            .where(SQLColumn("dataset_id", table: "s"), .equal, SQLBind(datasetID))
            .changed(after: date, submissions: "s")
            .limit(1).first()
        return row != nil
    }
}
