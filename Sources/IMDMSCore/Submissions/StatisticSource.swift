/// Where a statistic comes from: reported by a producer (a file, the API, the demo) or derived by
/// IMDMS from traveller records. For a dataset both can hold, a `SourceRule` decides per period
/// which one is current; they are never added up (D47).
public enum StatisticSource: String, Codable, Sendable, CaseIterable {
    case reported
    case records

    public init(channel: Submission.Channel) {
        self = channel == .system ? .records : .reported
    }

    public var label: String {
        switch self {
        case .reported: "reported by the producer"
        case .records: "derived from traveller records"
        }
    }
}
