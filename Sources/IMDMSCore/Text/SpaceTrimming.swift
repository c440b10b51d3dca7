import Foundation

/// `String.trimmedSpaces` on UTF-8 bytes: spaces, tabs and other Unicode whitespace taken off
/// both ends, scalar by scalar, as `trimmingCharacters(in: .whitespaces)` does — for readers
/// that look at fields as bytes (`CSVFields`). Most fields start and end with a printable ASCII
/// byte and are returned at once.
public enum SpaceTrimming {
    public static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let first = bytes.first, let last = bytes.last else { return bytes }
        if plain(first) && plain(last) { return bytes }
        var start = 0, end = bytes.count
        while start < end, let (scalar, length) = scalar(in: bytes, at: start), isSpace(scalar) { start += length }
        while start < end {
            var lead = end - 1
            while lead > start && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }  // back to the scalar's first byte
            guard let (scalar, _) = scalar(in: bytes, at: lead), isSpace(scalar) else { break }
            end = lead
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private static func plain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x80 }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { whitespaces.contains(scalar) }

    /// Made once (Foundation makes the set again at every use of `CharacterSet.whitespaces`).
    private static let whitespaces = CharacterSet.whitespaces

    /// The scalar whose UTF-8 starts at `index`, and its length (nil: not valid UTF-8 there).
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
        var iterator = UnsafeBufferPointer(rebasing: bytes[index...]).makeIterator()
        var decoder = UTF8()
        guard case let .scalarValue(scalar) = decoder.decode(&iterator) else { return nil }
        return (scalar, UTF8.width(scalar))
    }
}
