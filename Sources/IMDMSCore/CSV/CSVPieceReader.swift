import Crypto
import Foundation

/// Reads a CSV file from disk in pieces of about `size` bytes, each ending with a line break
/// outside quotes (as `CSVChunks` cuts bytes in memory), so that a file of any size is read with
/// memory for one piece; the file's SHA-256 is computed along the way.
public final class CSVPieceReader: @unchecked Sendable {  // used by one task at a time, in order
    private let handle: FileHandle
    private let size: Int
    private var carry = Data()
    /// How far `carry` has been scanned, whether that point is inside quotes, and the line breaks seen.
    private var scanned = 0, inQuotes = false, breaks = 0
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
            if let cut = scan() { return take(upTo: cut) }
            let block = try handle.read(upToCount: size) ?? Data()
            if block.isEmpty { finished = true } else {
                hasher.update(data: block)
                carry.append(block)
            }
        }
        guard !carry.isEmpty else { return nil }
        _ = scan()
        return take(upTo: carry.count)
    }

    /// The SHA-256 of everything read, in hexadecimal (complete once `next()` returned nil).
    public var sha256: String {
        hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Scans on from where the last call stopped; returns the end of the first line break outside
    /// quotes at or past `size` bytes, if there is one yet.
    private func scan() -> Int? {
        let (size, start) = (self.size, scanned)
        var (quotes, count, found) = (inQuotes, breaks, Int?.none)
        var stop = carry.count
        carry.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { quotes.toggle() } else if byte == UInt8(ascii: "\n") {
                    count += 1
                    if !quotes && index + 1 >= size { found = index + 1; stop = index + 1; return }
                }
                index += 1
            }
        }
        (scanned, inQuotes, breaks) = (stop, quotes, count)
        return found
    }

    private func take(upTo end: Int) -> (data: Data, firstLine: Int) {
        let piece = carry.prefix(end)
        carry = Data(carry.dropFirst(end))
        let first = line
        line += breaks
        (scanned, inQuotes, breaks) = (0, false, 0)
        return (Data(piece), first)
    }
}
