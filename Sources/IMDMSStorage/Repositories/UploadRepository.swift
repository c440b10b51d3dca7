import FluentKit
import Foundation
import IMDMSCore

/// Files received through the web and not yet submitted.
public struct UploadRepository: Sendable {
    public struct Upload: Sendable {
        public var id: UUID
        public var userID: UUID
        public var organisationID: String
        public var datasetID: String
        public var file: IncomingFile
        public var profile: ImportProfile?
    }

    let store: Store

    public init(store: Store) { self.store = store }

    public func create(userID: UUID, organisationID: String, datasetID: String, file: IncomingFile) async throws -> UUID {
        let model = UploadModel()
        let id = UUID()
        model.id = id
        model.userID = userID
        model.organisationID = organisationID
        model.datasetID = datasetID
        model.fileName = file.name
        model.content = file.data
        model.createdAt = Date()
        try await model.create(on: store.database)
        return id
    }

    public func find(_ id: UUID) async throws -> Upload? {
        guard let model = try await UploadModel.find(id, on: store.database) else { return nil }
        return Upload(id: id, userID: model.userID, organisationID: model.organisationID, datasetID: model.datasetID,
                      file: IncomingFile(name: model.fileName, data: model.content),
                      profile: model.profileJSON.flatMap { try? JSONDecoder().decode(ImportProfile.self, from: Data($0.utf8)) })
    }

    public func setProfile(_ profile: ImportProfile?, for id: UUID) async throws {
        guard let model = try await UploadModel.find(id, on: store.database) else { throw StorageError.notFound("there is no upload \(id)") }
        model.profileJSON = try profile.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await model.update(on: store.database)
    }

    public func delete(_ id: UUID) async throws {
        try await UploadModel.query(on: store.database).filter(\.$id == id).delete()
    }
}
