import FluentKit
import Foundation
import IMDMSCore

/// Import profiles saved per producer and dataset, newest first.
public struct ImportProfileRepository: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Saves (or replaces) the producer's profile of that name for the dataset; a new or changed
    /// profile is written to the audit trail under `actor` (it decides how the next files are read).
    public func save(_ profile: ImportProfile, organisationID: String, name: String = "default", by actor: String) async throws {
        let json = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
        let now = Date()
        let subject = "import-profile:\(organisationID)/\(profile.datasetID)/\(name)"
        try await store.writeTransaction { tx in
            if let existing = try await ImportProfileModel.query(on: tx)
                .filter(\.$organisationID == organisationID).filter(\.$datasetID == profile.datasetID).filter(\.$name == name).first() {
                let before = existing.profileJSON
                existing.profileJSON = json
                existing.updatedAt = now
                try await existing.update(on: tx)
                if before != json {
                    try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: "import-profile.save", subject: subject,
                                                     before: "sha256 \(SourceFile.sha256(of: Data(before.utf8)))", after: "sha256 \(SourceFile.sha256(of: Data(json.utf8)))")
                }
                return
            }
            let model = ImportProfileModel()
            model.organisationID = organisationID
            model.datasetID = profile.datasetID
            model.name = name
            model.profileJSON = json
            model.createdAt = now
            model.updatedAt = now
            try await model.create(on: tx)
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: "import-profile.save", subject: subject,
                                             after: "sha256 \(SourceFile.sha256(of: Data(json.utf8)))")
        }
    }

    public func profiles(organisationID: String, datasetID: String) async throws -> [ImportProfile] {
        try await ImportProfileModel.query(on: store.database)
            .filter(\.$organisationID == organisationID).filter(\.$datasetID == datasetID)
            .sort(\.$updatedAt, .descending).all()
            .compactMap { try? JSONDecoder().decode(ImportProfile.self, from: Data($0.profileJSON.utf8)) }
    }
}
