/// Values by text for a reader's caches: a few texts (a column's posts, sexes, purposes) are
/// searched in order — comparing short ASCII texts costs less than hashing one — and only a long
/// list (citizenships) is looked up by hash.
public struct TextLookup<Value>: Sendable where Value: Sendable {
    private var texts: [String] = []
    private var values: [Value] = []
    private var positions: [String: Int] = [:]
    /// Up to this many texts are searched in order.
    private static var searched: Int { 16 }

    public init() {}

    public var count: Int { texts.count }

    /// The position of `text` (0, 1, 2, … in the order inserted), if it is there.
    public func position(of text: String) -> Int? {
        texts.count <= Self.searched ? texts.firstIndex(of: text) : positions[text]
    }

    public subscript(text: String) -> Value? { position(of: text).map { values[$0] } }

    /// Adds `text` (not there yet) with `value`; returns its position.
    @discardableResult
    public mutating func insert(_ value: Value, for text: String) -> Int {
        texts.append(text)
        values.append(value)
        positions[text] = texts.count - 1
        return texts.count - 1
    }

    /// The texts in the order inserted.
    public var keys: [String] { texts }
}
