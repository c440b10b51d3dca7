import FluentKit
import Foundation

final class ImportProfileModel: Model, @unchecked Sendable {
    static let schema = "import_profiles"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: String
    @Field(key: "dataset_id") var datasetID: String
    @Field(key: "name") var name: String
    @Field(key: "profile_json") var profileJSON: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
