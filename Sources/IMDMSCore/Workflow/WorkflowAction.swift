import Foundation

/// A step of the submission workflow: draft (the pending upload) → submitted → approved or
/// returned (with a comment the producer sees) → published. `reopen` unlocks an approved
/// submission's periods so that a correction can replace them.
public enum WorkflowAction: String, Codable, Sendable, CaseIterable {
    case approve
    case `return`
    case resubmit
    case publish
    case reopen

    /// The states the action starts from.
    public var from: Set<SubmissionStatus> {
        switch self {
        case .approve, .return: [.submitted]
        case .resubmit: [.returned]
        case .publish: [.approved]
        case .reopen: [.approved, .published]
        }
    }

    /// The state it leaves the submission in (`reopen` keeps the status and removes the locks).
    public func to(from status: SubmissionStatus) -> SubmissionStatus {
        switch self {
        case .approve: .approved
        case .return: .returned
        case .resubmit: .submitted
        case .publish: .published
        case .reopen: status
        }
    }

    /// What a button for the action says.
    public var label: String {
        switch self {
        case .approve: "Approve"
        case .return: "Return to the producer"
        case .resubmit: "Submit again"
        case .publish: "Publish"
        case .reopen: "Reopen the periods"
        }
    }

    /// Whether `user` may take this action on a submission of `organisationID`: data managers and
    /// administrators review and publish; a producer resubmits only its own organisation's.
    public func isPermitted(for user: User, organisationID: String) -> Bool {
        switch user.role {
        case .administrator, .dataManager: true
        case .producer: self == .resubmit && user.organisationID == organisationID
        case .analyst, .viewer, .microdataOfficer: false
        }
    }

    /// Four eyes: whoever submitted a submission neither approves nor publishes it.
    public var needsAnotherPerson: Bool { self == .approve || self == .publish }

    /// Whether `user`, given who submitted the submission, may take the action (see `needsAnotherPerson`).
    public func isPermitted(for user: User, organisationID: String, submittedBy: UUID?) -> Bool {
        isPermitted(for: user, organisationID: organisationID) && !(needsAnotherPerson && submittedBy == user.id)
    }

    /// The actions open to `user` on a submission in `status` of `organisationID` submitted by `submittedBy`.
    public static func available(to user: User, status: SubmissionStatus, organisationID: String, submittedBy: UUID? = nil) -> [WorkflowAction] {
        allCases.filter { $0.from.contains(status) && $0.isPermitted(for: user, organisationID: organisationID, submittedBy: submittedBy) }
    }
}
