/// Series keys from `from` (included) to `before` (not included), compared byte by byte; nil is
/// open. A query cut into ranges reads each part of the key space on its own (D60).
public struct SeriesKeyRange: Sendable, Equatable {
    public var from: String?
    public var before: String?

    public init(from: String?, before: String?) {
        self.from = from
        self.before = before
    }

    public static let all = SeriesKeyRange(from: nil, before: nil)
}
