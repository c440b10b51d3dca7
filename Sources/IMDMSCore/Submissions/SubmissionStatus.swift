/// Where a submission stands in the workflow: draft → submitted → approved or returned → published.
/// A corrected re-submission marks the earlier one `superseded` without deleting it.
public enum SubmissionStatus: String, Codable, Sendable, CaseIterable {
    case draft
    case submitted
    case returned
    case approved
    case published
    case superseded

    /// Whether the submission's observations count as the dataset's current data.
    public var isCurrent: Bool { self != .superseded }
}
