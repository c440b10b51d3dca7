import FluentKit
import IMDMSCore
import Foundation

/// An assessment: a framework and a year, and the submission carrying its scores.
final class AssessmentModel: Model, @unchecked Sendable {
    static let schema = "assessments"
    @ID(key: .id) var id: UUID?
    @Field(key: "framework_id") var frameworkID: String
    @Field(key: "year") var year: Int
    @Field(key: "organisation_id") var organisationID: String
    @OptionalField(key: "submission_id") var submissionID: UUID?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}
