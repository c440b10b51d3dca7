/// One row as storage hands it to the query engine: the codes of each dimension of the structure
/// (nil where storage has already summed the dimension away, which it does only for dimensions
/// that are neither on an axis nor mix levels), a period, the summed value and how many
/// observations went into it.
public struct AggregateRow: Hashable, Sendable {
    public var codes: [String?]
    public var period: Period
    public var value: Double
    public var count: Int

    public init(codes: [String?], period: Period, value: Double, count: Int) {
        self.codes = codes
        self.period = period
        self.value = value
        self.count = count
    }
}
