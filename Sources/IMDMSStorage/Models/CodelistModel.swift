import FluentKit

final class CodelistModel: Model, @unchecked Sendable {
    static let schema = "codelists"
    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String

    init() {}
    init(id: String, name: String, description: String) {
        self.id = id
        self.name = name
        self.description = description
    }
}
