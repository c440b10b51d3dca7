/// Values by text for a reader's caches: a few texts (a column's posts, sexes, purposes) are
/// searched in order — comparing short ASCII texts costs less than hashing one — and only a long
/// list (citizenships) is looked up by hash. A text can be looked up by its UTF-8 bytes too, with
/// no `String` made for it (a border extract's fields, `CSVFields`).
public struct TextLookup<Value>: Sendable where Value: Sendable {
    private var texts: [String] = []
    private var bytes: [[UInt8]] = []
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

    /// The position of the text whose UTF-8 is `utf8`, if it is there. Texts are compared as bytes
    /// in the short list: a text inserted in another Unicode normalisation is not found there, and
    /// the caller then finds its value the long way and inserts this form too.
    public func position(ofUTF8 utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        guard texts.count <= Self.searched else { return positions[String(decoding: utf8, as: UTF8.self)] }
        return bytes.firstIndex { stored in stored.withUnsafeBufferPointer { $0.hasSameBytes(as: utf8) } }
    }

    public subscript(text: String) -> Value? { position(of: text).map { values[$0] } }

    public subscript(utf8 utf8: UnsafeBufferPointer<UInt8>) -> Value? { position(ofUTF8: utf8).map { values[$0] } }

    /// Adds `text` (not there yet) with `value`; returns its position.
    @discardableResult
    public mutating func insert(_ value: Value, for text: String) -> Int {
        texts.append(text)
        bytes.append(Array(text.utf8))
        values.append(value)
        if positions[text] == nil { positions[text] = texts.count - 1 }
        return texts.count - 1
    }

    /// The texts in the order inserted.
    public var keys: [String] { texts }
}
