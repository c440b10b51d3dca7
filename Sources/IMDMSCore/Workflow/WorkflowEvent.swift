import Foundation

/// One step in a submission's history: who moved it from which state to which, when, and why.
public struct WorkflowEvent: Hashable, Sendable, Codable {
    public var submissionID: UUID
    public var at: Date
    public var actor: String
    public var action: String
    public var fromStatus: SubmissionStatus?
    public var toStatus: SubmissionStatus
    public var comment: String?

    public init(submissionID: UUID, at: Date, actor: String, action: String, fromStatus: SubmissionStatus?, toStatus: SubmissionStatus, comment: String?) {
        self.submissionID = submissionID
        self.at = at
        self.actor = actor
        self.action = action
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.comment = comment
    }
}
