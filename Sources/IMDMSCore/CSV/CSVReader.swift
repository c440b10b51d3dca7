import Foundation

/// An RFC 4180 reader over bytes: quoted fields (with doubled quotes and line breaks inside),
/// `\n` or `\r\n` line ends, a UTF-8 byte-order mark skipped. The delimiter is given or detected
/// from the header line among `,` `;` tab and `|`. Records are handed over one at a time, so a
/// caller that does not keep them reads any size of file in constant memory.
public struct CSVReader: Sendable {
    public static let candidateDelimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    public let delimiter: UInt8

    public init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// A reader whose delimiter is the candidate appearing most often, outside quotes, in the first line.
    public static func detecting(in bytes: some Collection<UInt8>) -> CSVReader {
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        for byte in bytes.dropFirst(hasBOM(bytes) ? 3 : 0) {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")) { break }
            if !inQuotes && candidateDelimiters.contains(byte) { counts[byte, default: 0] += 1 }
        }
        let best = candidateDelimiters.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? UInt8(ascii: ",")
        return CSVReader(delimiter: (counts[best] ?? 0) > 0 ? best : UInt8(ascii: ","))
    }

    /// A field's bytes as text, nil if they are not UTF-8. ASCII (nearly every field) is taken
    /// as it is: `String(validating:as:)` is generic and looked up the encoding's metadata at every
    /// call, 15 % of reading a border extract.
    static func text(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hasBOM(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0xEF, 0xBB, 0xBF])
    }

    /// Reads every record into an array.
    public func records(in bytes: [UInt8]) throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord(in: bytes) { records.append($0) }
        return records
    }

    /// Hands each record to `handle` as soon as it is complete. Text must be UTF-8.
    public func forEachRecord(in bytes: [UInt8], _ handle: (CSVRecord) throws(CSVError) -> Void) throws(CSVError) {
        let result: Result<Void, CSVError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(CSVError) {
                try scan(buffer, handle)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// The same over `Data` (e.g. a memory-mapped file), without copying it.
    public func forEachRecord(in data: Data, _ handle: (CSVRecord) throws(CSVError) -> Void) throws(CSVError) {
        let result: Result<Void, CSVError> = data.withUnsafeBytes { raw in
            do throws(CSVError) {
                try scan(raw.bindMemory(to: UInt8.self), handle)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ handle: (CSVRecord) throws(CSVError) -> Void) throws(CSVError) {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let n = bytes.count
        var fields: [String] = []
        var line = 1
        var recordLine = 1
        var i = CSVReader.hasBOM(bytes) ? 3 : 0
        var unquoted: [UInt8] = []
        while i < n || !fields.isEmpty {
            // One field.
            var text: String
            if i < n && bytes[i] == quote {
                unquoted.removeAll(keepingCapacity: true)
                i += 1
                var closed = false
                while i < n {
                    let byte = bytes[i]
                    if byte == quote {
                        if i + 1 < n && bytes[i + 1] == quote {
                            unquoted.append(quote)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    if byte == newline { line += 1 }
                    unquoted.append(byte)
                    i += 1
                }
                if !closed { throw CSVError(line: recordLine, reason: "a quoted field is never closed") }
                // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
                let start = i
                while i < n && bytes[i] != delimiter && bytes[i] != newline && bytes[i] != cr { i += 1 }
                unquoted.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                guard let decoded = unquoted.withUnsafeBufferPointer(Self.text(utf8:)) else {
                    throw CSVError(line: recordLine, reason: "field \(fields.count + 1) is not valid UTF-8 text")
                }
                text = decoded
            } else {
                let start = i
                while i < n && bytes[i] != delimiter && bytes[i] != newline && bytes[i] != cr { i += 1 }
                guard let decoded = Self.text(utf8: UnsafeBufferPointer(rebasing: bytes[start..<i])) else {
                    throw CSVError(line: recordLine, reason: "field \(fields.count + 1) is not valid UTF-8 text")
                }
                text = decoded
            }
            fields.append(text)
            // What ends the field: a delimiter (another field follows), a line end, or the file's end.
            if i < n && bytes[i] == delimiter {
                i += 1
                if i == n { fields.append("") } else { continue }
            }
            if i < n && bytes[i] == cr { i += 1 }
            if i < n && bytes[i] == newline { i += 1 }
            try handle(CSVRecord(line: recordLine, fields: fields))
            fields.removeAll(keepingCapacity: true)
            line += 1
            recordLine = line
            if i >= n { break }
        }
    }
}
