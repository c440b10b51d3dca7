import FluentKit

final class CodeModel: Model, @unchecked Sendable {
    static let schema = "codes"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "codelist_id") var codelistID: String
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "parent_code") var parentCode: String?
    @Field(key: "position") var position: Int
    /// A group code's members, `|`-separated; `nil` for ordinary codes.
    @OptionalField(key: "members") var members: String?

    init() {}
    init(codelistID: String, code: String, name: String, parentCode: String?, position: Int, members: String?) {
        self.codelistID = codelistID
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.position = position
        self.members = members
    }
}
