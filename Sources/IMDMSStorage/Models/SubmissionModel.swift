import FluentKit
import Foundation
import IMDMSCore

final class SubmissionModel: Model, @unchecked Sendable {
    static let schema = "submissions"
    @ID(key: .id) var id: UUID?
    @Field(key: "dataset_id") var datasetID: String
    @Field(key: "organisation_id") var organisationID: String
    @OptionalField(key: "submitted_by") var submittedBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "source_file_name") var sourceFileName: String?
    @OptionalField(key: "source_byte_count") var sourceByteCount: Int?
    @OptionalField(key: "source_sha256") var sourceSHA256: String?
    @Field(key: "channel") var channel: String
    @Field(key: "status") var status: String
    @OptionalField(key: "supersedes_id") var supersedesID: UUID?
    @Field(key: "is_synthetic") var isSynthetic: Bool
    @Field(key: "observation_count") var observationCount: Int
    @OptionalField(key: "release_at") var releaseAt: Date?
    @OptionalField(key: "review_comment") var reviewComment: String?
    @OptionalField(key: "first_period") var firstPeriod: String?
    @OptionalField(key: "last_period") var lastPeriod: String?

    init() {}
    init(_ s: Submission) {
        id = s.id
        datasetID = s.datasetID
        organisationID = s.organisationID
        submittedBy = s.submittedByUserID
        createdAt = s.createdAt
        sourceFileName = s.source?.name
        sourceByteCount = s.source?.byteCount
        sourceSHA256 = s.source?.sha256
        channel = s.channel.rawValue
        status = s.status.rawValue
        supersedesID = s.supersedesID
        isSynthetic = s.isSynthetic
        observationCount = s.observationCount
        releaseAt = s.releaseAt
        reviewComment = s.reviewComment
    }

    var domain: Submission? {
        guard let id, let channel = Submission.Channel(rawValue: channel), let status = SubmissionStatus(rawValue: status) else { return nil }
        let source = sourceFileName.map { SourceFile(name: $0, byteCount: sourceByteCount ?? 0, sha256: sourceSHA256 ?? "") }
        return Submission(id: id, datasetID: datasetID, organisationID: organisationID, submittedByUserID: submittedBy,
                          createdAt: createdAt, source: source, channel: channel, status: status,
                          supersedesID: supersedesID, isSynthetic: isSynthetic, observationCount: observationCount,
                          releaseAt: releaseAt, reviewComment: reviewComment)
    }
}
