/// Text built as UTF-8 bytes: a large message made of many short, mostly repeated pieces (a
/// GenericData month is 24 MB in about 800,000 of them). Appending a piece kept as bytes is a
/// copy; appending to a `String` cost twice as much, and the web layer copies bytes into its
/// response buffer without looking at them again (D72).
public struct TextBytes: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public static func += (text: inout TextBytes, piece: [UInt8]) { text.bytes.append(contentsOf: piece) }

    public static func += (text: inout TextBytes, piece: String) { text.bytes.append(contentsOf: piece.utf8) }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
