import FluentKit
import Foundation

final class UploadModel: Model, @unchecked Sendable {
    static let schema = "uploads"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "organisation_id") var organisationID: String
    @Field(key: "dataset_id") var datasetID: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "content") var content: Data
    @OptionalField(key: "profile_json") var profileJSON: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
