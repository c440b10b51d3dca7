/// SDMX `CONF_STATUS`: whether an observation may be disclosed.
public enum ConfidentialityStatus: String, Codable, Sendable, CaseIterable {
    case free = "F"
    case confidential = "C"
    case primary = "A"
    case secondary = "D"

    public var name: String {
        switch self {
        case .free: "Free"
        case .confidential: "Confidential statistical information"
        case .primary: "Primary confidentiality due to small counts"
        case .secondary: "Secondary confidentiality set by the sender"
        }
    }
}
