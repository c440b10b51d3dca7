/// A country configuration that cannot be used, with every problem found in it: each names its
/// file and, where it can, the row, field or code, so an administrator mends them all at once.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was read: `the configuration folder DIR`, `the configuration against the stored one`.
    public var source: String
    public var problems: [String]

    public init(source: String, problems: [String]) {
        self.source = source
        self.problems = problems
    }

    public var description: String {
        "\(source): \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
