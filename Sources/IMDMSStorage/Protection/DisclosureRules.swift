import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// Each dataset's disclosure rule, kept with the dataset (`datasets.disclosure_threshold`): the
/// threshold under which a cell is withheld. Read afresh with each data version; changed only
/// through `change`, which a data manager's action calls: audited, and the data version bumped in
/// the same transaction, so every public output is protected by the new rule from the next read.
public struct DisclosureRules: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// The stored threshold of a dataset, or nil when the dataset is unknown.
    public func threshold(_ datasetID: String) async throws -> Int? {
        try await DatasetModel.find(datasetID, on: store.database)?.disclosureThreshold
    }

    /// Every dataset's stored threshold.
    public func thresholds() async throws -> [String: Int] {
        let models = try await DatasetModel.query(on: store.database).all()
        return Dictionary(uniqueKeysWithValues: models.compactMap { model in model.id.map { ($0, model.disclosureThreshold) } })
    }

    /// Sets a dataset's threshold (0 or 1: none) on behalf of `user`, who must review data.
    public func change(_ datasetID: String, threshold: Int, by user: User) async throws {
        guard user.role == .dataManager || user.role == .administrator else {
            throw StorageError.notPermitted("Only a data manager or an administrator changes a disclosure rule.")
        }
        guard (0...1_000_000).contains(threshold) else {
            throw StorageError.invalid("A disclosure threshold is a whole number from 0 (none) upwards, not \(threshold).")
        }
        try await store.writeTransaction { tx in
            guard let model = try await DatasetModel.find(datasetID, on: tx) else { throw StorageError.unknownDataset(datasetID) }
            let before = model.disclosureThreshold
            guard before != threshold else { return }
            model.disclosureThreshold = threshold
            try await model.update(on: tx)
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: user.username, action: "disclosure.rule", subject: datasetID,
                                             before: "threshold \(before)", after: "threshold \(threshold)")
            try await TableCache.bumpVersion(on: tx.sql, dataset: datasetID)
        }
    }
}
