/// Why a text is not a period, or a period does not fit where it was used.
public struct PeriodError: Error, Equatable, Sendable, CustomStringConvertible {
    public let text: String
    public let reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "'\(text)' is not a valid period: \(reason)" }
}
