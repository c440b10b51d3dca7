import Foundation

extension String {
    /// The text without leading and trailing spaces and tabs (and other Unicode whitespace).
    /// Checks the ends' bytes first: most fields of a large file have nothing to trim, and
    /// Foundation's `trimmingCharacters(in:)` bridges through `NSString` even then.
    public var trimmedSpaces: String {
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        func plain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x80 }
        if plain(first) && plain(last) { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
