import Foundation

/// Which stored data a reader may see in tables, reports and the API.
public enum DataVisibility: Sendable, Hashable {
    /// Published data whose release time (embargo) has passed: the public, viewers, producers.
    case released(asOf: Date)
    /// Approved and published data, embargoed or not: the staff who prepare releases.
    case approved
    /// Every current (not superseded) submission, whatever its state: for checks inside the system
    /// and operators' tools, never for pages or the API.
    case allCurrent

    /// What a caller with `role` (nil: the anonymous public) sees at `now`.
    public static func of(_ role: Role?, now: Date = Date()) -> DataVisibility {
        switch role {
        case .administrator?, .dataManager?, .analyst?, .microdataOfficer?: .approved
        case .producer?, .viewer?, nil: .released(asOf: now)
        }
    }

    /// Whether published data with this release time (nil: none) is visible to this reader now:
    /// the same embargo rule as every table, for what is not read through the tables.
    public func allowsRelease(at releaseAt: Date?) -> Bool {
        guard case let .released(now) = self, let releaseAt else { return true }
        return releaseAt <= now
    }

    /// The submission states whose observations this reader sees.
    public var statuses: [SubmissionStatus] {
        switch self {
        case .released: [.published]
        case .approved: [.approved, .published]
        case .allCurrent: SubmissionStatus.allCases.filter(\.isCurrent)
        }
    }
}
