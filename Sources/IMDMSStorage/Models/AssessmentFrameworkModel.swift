import FluentKit
import IMDMSCore
import Foundation

/// A stored assessment framework: its definition as JSON, one row per version.
final class AssessmentFrameworkModel: Model, @unchecked Sendable {
    static let schema = "assessment_frameworks"
    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "code") var code: String
    @Field(key: "version") var version: String
    @Field(key: "title") var title: String
    @Field(key: "illustrative") var illustrative: Bool
    @Field(key: "definition") var definition: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
