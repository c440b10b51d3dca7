/// A pull that stores nothing, and why.
public enum ExchangeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The mapping file or the partner's codes do not fit our dataset: every problem.
    case mapping([String])
    /// The partner could not be asked, or did not answer with SDMX-CSV.
    case unreachable(service: String, reason: String)

    /// The problems, one per line (an unreachable partner is one).
    public var problems: [String] {
        switch self {
        case let .mapping(problems): problems
        case .unreachable: [description]
        }
    }

    public var description: String {
        switch self {
        case let .mapping(problems): "the mapping does not fit:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case let .unreachable(service, reason): "the partner service \(service) could not be read: \(reason)"
        }
    }
}
