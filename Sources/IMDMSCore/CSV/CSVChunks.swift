import Foundation

/// Cuts CSV bytes into pieces of about `size` bytes, each ending with a line break outside
/// quotes, so a large file can be read and stored piece by piece (memory by piece, not by file).
public enum CSVChunks {
    public struct Chunk: Sendable, Hashable {
        public var range: Range<Int>
        /// The 1-based line the piece starts on.
        public var firstLine: Int
    }

    public static func split(_ data: Data, size: Int) -> [Chunk] {
        var chunks: [Chunk] = []
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0, line = 1, startLine = 1, inQuotes = false
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                guard byte == UInt8(ascii: "\n") else { continue }
                line += 1
                if !inQuotes && index + 1 - start >= size {
                    chunks.append(Chunk(range: start..<(index + 1), firstLine: startLine))
                    start = index + 1
                    startLine = line
                }
            }
            if start < bytes.count { chunks.append(Chunk(range: start..<bytes.count, firstLine: startLine)) }
        }
        return chunks
    }
}
