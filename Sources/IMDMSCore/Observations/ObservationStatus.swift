/// SDMX `OBS_STATUS`: how an observation came about.
public enum ObservationStatus: String, Codable, Sendable, CaseIterable {
    case normal = "A"
    case provisional = "P"
    case estimated = "E"
    case suppressed = "Q"
    case missing = "M"

    public var name: String {
        switch self {
        case .normal: "Normal value"
        case .provisional: "Provisional value"
        case .estimated: "Estimated value"
        case .suppressed: "Missing value; suppressed (confidential)"
        case .missing: "Missing value"
        }
    }
}
