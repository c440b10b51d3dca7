import Foundation

/// One delivery of data for one dataset: stored whole or not at all.
public struct Submission: Hashable, Sendable, Codable, Identifiable {
    /// How the data reached IMDMS.
    public enum Channel: String, Codable, Sendable, CaseIterable {
        case commandLine = "cli"
        case web
        case api
        case demo
        /// Derived by IMDMS itself (statistics from traveller records).
        case system
        /// Pulled from a partner's SDMX service (`imdms exchange pull`, D69).
        case exchange
    }

    public var id: UUID
    public var datasetID: String
    public var organisationID: String
    /// The user who made it, when it was a person.
    public var submittedByUserID: UUID?
    public var createdAt: Date
    public var source: SourceFile?
    public var channel: Channel
    public var status: SubmissionStatus
    /// The earlier submission this one corrects.
    public var supersedesID: UUID?
    /// Synthetic demo data, never to be mistaken for official figures.
    public var isSynthetic: Bool
    public var observationCount: Int
    /// When published data becomes visible to the public (an embargo); nil: at publication.
    public var releaseAt: Date?
    /// The data manager's comment when the submission was last returned.
    public var reviewComment: String?

    public init(
        id: UUID = UUID(), datasetID: String, organisationID: String, submittedByUserID: UUID? = nil,
        createdAt: Date = Date(), source: SourceFile?, channel: Channel, status: SubmissionStatus,
        supersedesID: UUID? = nil, isSynthetic: Bool = false, observationCount: Int = 0,
        releaseAt: Date? = nil, reviewComment: String? = nil
    ) {
        self.releaseAt = releaseAt
        self.reviewComment = reviewComment
        self.id = id
        self.datasetID = datasetID
        self.organisationID = organisationID
        self.submittedByUserID = submittedByUserID
        self.createdAt = createdAt
        self.source = source
        self.channel = channel
        self.status = status
        self.supersedesID = supersedesID
        self.isSynthetic = isSynthetic
        self.observationCount = observationCount
    }
}
