import FluentKit

final class OrganisationModel: Model, @unchecked Sendable {
    static let schema = "organisations"
    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String

    init() {}
    init(id: String, name: String, kind: String) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}
