import Foundation

/// The four bands in which SDG indicator 10.7.2 reports each domain (UN DESA and IOM, the
/// custodians): a domain value of 0 to under 40 requires further progress, 40 to under 80
/// partially meets, 80 to under 100 meets, and 100 fully meets.
public enum SDGBand: String, Codable, Sendable, CaseIterable {
    case requiresFurtherProgress = "REQUIRES_FURTHER_PROGRESS"
    case partiallyMeets = "PARTIALLY_MEETS"
    case meets = "MEETS"
    case fullyMeets = "FULLY_MEETS"

    public init(value: Double) {
        switch value {
        case 99.9995...: self = .fullyMeets
        case 80...: self = .meets
        case 40...: self = .partiallyMeets
        default: self = .requiresFurtherProgress
        }
    }

    public var label: String {
        switch self {
        case .requiresFurtherProgress: "Requires further progress"
        case .partiallyMeets: "Partially meets"
        case .meets: "Meets"
        case .fullyMeets: "Fully meets"
        }
    }
}
