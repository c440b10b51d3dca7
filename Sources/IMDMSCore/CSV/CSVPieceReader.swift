import Crypto
import Foundation

/// Reads a CSV file from disk in pieces of about `size` bytes, each ending with a line break
/// outside quotes (as `CSVChunks` cuts bytes in memory), so that a file of any size is read with
/// memory for one piece; the file's SHA-256 is computed along the way.
public final class CSVPieceReader: @unchecked Sendable {  // used by one task at a time, in order
    private let handle: FileHandle
    private let size: Int
    private var carry = Data()
    private var line = 1
    private var finished = false
    private var hasher = SHA256()

    public init(path: String, size: Int) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
        self.size = size
    }

    deinit { try? handle.close() }

    /// The next piece and the 1-based line it starts on; nil at the end of the file.
    public func next() throws -> (data: Data, firstLine: Int)? {
        while !finished {
            if let cut = Self.lineBreak(in: carry, atLeast: size) {
                return take(upTo: cut)
            }
            let block = try handle.read(upToCount: size) ?? Data()
            if block.isEmpty { finished = true } else {
                hasher.update(data: block)
                carry.append(block)
            }
        }
        guard !carry.isEmpty else { return nil }
        return take(upTo: carry.count)
    }

    /// The SHA-256 of everything read, in hexadecimal (complete once `next()` returned nil).
    public var sha256: String {
        hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    private func take(upTo end: Int) -> (data: Data, firstLine: Int) {
        let piece = carry.prefix(end)
        carry = Data(carry.dropFirst(end))
        let first = line
        line += piece.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return (Data(piece), first)
    }

    /// The end (after the line break) of the first line break outside quotes at or past `minimum`
    /// bytes, if any.
    static func lineBreak(in data: Data, atLeast minimum: Int) -> Int? {
        guard data.count >= minimum else { return nil }
        return data.withUnsafeBytes { raw -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var inQuotes = false, found: Int?
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                if byte == UInt8(ascii: "\n") && !inQuotes && index + 1 >= minimum { found = index + 1; break }
            }
            return found
        }
    }
}
