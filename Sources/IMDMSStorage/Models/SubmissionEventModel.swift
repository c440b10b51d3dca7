import FluentKit
import Foundation
import IMDMSCore

final class SubmissionEventModel: Model, @unchecked Sendable {
    static let schema = "submission_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "submission_id") var submissionID: UUID
    @Field(key: "at") var at: Date
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @OptionalField(key: "from_status") var fromStatus: String?
    @Field(key: "to_status") var toStatus: String
    @OptionalField(key: "comment") var comment: String?

    init() {}
    init(_ event: WorkflowEvent) {
        submissionID = event.submissionID
        at = event.at
        actor = event.actor
        action = event.action
        fromStatus = event.fromStatus?.rawValue
        toStatus = event.toStatus.rawValue
        comment = event.comment
    }

    var event: WorkflowEvent? {
        guard let to = SubmissionStatus(rawValue: toStatus) else { return nil }
        return WorkflowEvent(submissionID: submissionID, at: at, actor: actor, action: action,
                             fromStatus: fromStatus.flatMap(SubmissionStatus.init(rawValue:)), toStatus: to, comment: comment)
    }
}
