/// How often a dataset is observed: the SDMX `FREQ` codes IMDMS supports.
public enum Frequency: String, Codable, Sendable, CaseIterable, Comparable {
    case annual = "A"
    case quarterly = "Q"
    case monthly = "M"
    case daily = "D"

    /// The most days one period of this frequency spans.
    public var longestPeriodDays: Int {
        switch self {
        case .annual: 366
        case .quarterly: 92
        case .monthly: 31
        case .daily: 1
        }
    }

    public var name: String {
        switch self {
        case .annual: "Annual"
        case .quarterly: "Quarterly"
        case .monthly: "Monthly"
        case .daily: "Daily"
        }
    }

    /// Coarser frequencies sort first: annual < quarterly < monthly < daily.
    var rank: Int {
        switch self {
        case .annual: 0
        case .quarterly: 1
        case .monthly: 2
        case .daily: 3
        }
    }

    public static func < (lhs: Frequency, rhs: Frequency) -> Bool { lhs.rank < rhs.rank }

    /// Parses `A`, `Q`, `M`, `D` (case-insensitive).
    public init?(code: String) {
        self.init(rawValue: code.uppercased())
    }
}
