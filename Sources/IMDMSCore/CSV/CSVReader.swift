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
                try scan(buffer) { fields throws(CSVError) in try handle(fields.record) }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// The same over `Data` (e.g. a memory-mapped file), without copying it.
    public func forEachRecord(in data: Data, _ handle: (CSVRecord) throws(CSVError) -> Void) throws(CSVError) {
        try forEachRow(in: data) { fields throws(CSVError) in try handle(fields.record) }
    }

    /// Each record's fields as bytes (`CSVFields`, valid only inside `handle`): no `String` is
    /// made for a field the caller does not ask for.
    public func forEachRow(in data: Data, _ handle: (CSVFields) throws(CSVError) -> Void) throws(CSVError) {
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

    /// Whether a field's bytes are UTF-8 text. ASCII (nearly every field) is checked byte by byte
    /// only: `String(validating:as:)` is generic and looked up the encoding's metadata at every call.
    static func isText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.contains(where: { $0 >= 0x80 }) || String(validating: bytes, as: UTF8.self) != nil
    }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ handle: (CSVFields) throws(CSVError) -> Void) throws(CSVError) {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let n = bytes.count
        var spans: [CSVFields.Span] = []
        var line = 1
        var recordLine = 1
        var i = CSVReader.hasBOM(bytes) ? 3 : 0
        // The record's quoted fields, their quotes taken off.
        var unquoted: [UInt8] = []
        while i < n || !spans.isEmpty {
            // One field.
            if i < n && bytes[i] == quote {
                let first = unquoted.count
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
                let valid = unquoted.withUnsafeBufferPointer { Self.isText(UnsafeBufferPointer(rebasing: $0[first...])) }
                guard valid else { throw CSVError(line: recordLine, reason: "field \(spans.count + 1) is not valid UTF-8 text") }
                spans.append(CSVFields.Span(start: first, end: unquoted.count, unquoted: true))
            } else {
                let start = i
                // The bytes OR-ed together on the way: no byte of 0x80 or more, nothing more to check.
                var high: UInt8 = 0
                while i < n && bytes[i] != delimiter && bytes[i] != newline && bytes[i] != cr { high |= bytes[i]; i += 1 }
                guard high < 0x80 || Self.isText(UnsafeBufferPointer(rebasing: bytes[start..<i])) else {
                    throw CSVError(line: recordLine, reason: "field \(spans.count + 1) is not valid UTF-8 text")
                }
                spans.append(CSVFields.Span(start: start, end: i, unquoted: false))
            }
            // What ends the field: a delimiter (another field follows), a line end, or the file's end.
            if i < n && bytes[i] == delimiter {
                i += 1
                if i == n { spans.append(CSVFields.Span(start: n, end: n, unquoted: false)) } else { continue }
            }
            if i < n && bytes[i] == cr { i += 1 }
            if i < n && bytes[i] == newline { i += 1 }
            let result: Result<Void, CSVError> = unquoted.withUnsafeBufferPointer { unquotedBytes in
                spans.withUnsafeBufferPointer { spanBuffer in
                    do throws(CSVError) {
                        try handle(CSVFields(line: recordLine, source: bytes, unquoted: unquotedBytes, spans: spanBuffer))
                        return .success(())
                    } catch {
                        return .failure(error)
                    }
                }
            }
            try result.get()
            spans.removeAll(keepingCapacity: true)
            unquoted.removeAll(keepingCapacity: true)
            line += 1
            recordLine = line
            if i >= n { break }
        }
    }
}
