import FluentKit

/// Another name for a code; with an organisation, an alias that producer confirmed.
final class CodeAliasModel: Model, @unchecked Sendable {
    static let schema = "code_aliases"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "codelist_id") var codelistID: String
    @Field(key: "code") var code: String
    @Field(key: "alias") var alias: String
    @OptionalField(key: "organisation_id") var organisationID: String?

    init() {}
    init(codelistID: String, code: String, alias: String, organisationID: String?) {
        self.codelistID = codelistID
        self.code = code
        self.alias = alias
        self.organisationID = organisationID
    }
}
