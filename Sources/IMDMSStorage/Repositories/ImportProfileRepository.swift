import FluentKit
import Foundation
import IMDMSCore

/// Import profiles saved per producer and dataset, newest first.
public struct ImportProfileRepository: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Saves (or replaces) the producer's profile of that name for the dataset.
    public func save(_ profile: ImportProfile, organisationID: String, name: String = "default") async throws {
        let json = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
        let now = Date()
        if let existing = try await ImportProfileModel.query(on: store.database)
            .filter(\.$organisationID == organisationID).filter(\.$datasetID == profile.datasetID).filter(\.$name == name).first() {
            existing.profileJSON = json
            existing.updatedAt = now
            try await existing.update(on: store.database)
            return
        }
        let model = ImportProfileModel()
        model.organisationID = organisationID
        model.datasetID = profile.datasetID
        model.name = name
        model.profileJSON = json
        model.createdAt = now
        model.updatedAt = now
        try await model.create(on: store.database)
    }

    public func profiles(organisationID: String, datasetID: String) async throws -> [ImportProfile] {
        try await ImportProfileModel.query(on: store.database)
            .filter(\.$organisationID == organisationID).filter(\.$datasetID == datasetID)
            .sort(\.$updatedAt, .descending).all()
            .compactMap { try? JSONDecoder().decode(ImportProfile.self, from: Data($0.profileJSON.utf8)) }
    }
}
