import Foundation

/// An RFC 4180 reader over bytes: quoted fields (with doubled quotes and line breaks inside),
/// `\n` or `\r\n` line ends, a UTF-8 byte-order mark skipped. The delimiter is given or detected
/// from the header line among `,` `;` tab and `|`.
public struct CSVReader: Sendable {
    public static let candidateDelimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    public let delimiter: UInt8

    public init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// A reader whose delimiter is the candidate appearing most often, outside quotes, in the first line.
    public static func detecting(in bytes: [UInt8]) -> CSVReader {
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

    static func hasBOM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// Reads every record. Text must be UTF-8; a field that is not is reported with its line.
    public func records(in bytes: [UInt8]) throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedField = false
        var index = CSVReader.hasBOM(bytes) ? 3 : 0
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

        func finishField() throws(CSVError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw CSVError(line: line, reason: "field \(fields.count + 1) is not valid UTF-8 text")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }
        func finishRecord() {
            records.append(CSVRecord(line: recordLine, fields: fields))
            fields.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count && bytes[index + 1] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == newline { line += 1 }
                    field.append(byte)
                }
            } else if byte == quote && field.isEmpty && !quotedField {
                inQuotes = true
                quotedField = true
            } else if byte == delimiter {
                try finishField()
            } else if byte == newline || byte == cr {
                if byte == cr && index + 1 < bytes.count && bytes[index + 1] == newline { index += 1 }
                try finishField()
                finishRecord()
                line += 1
                recordLine = line
            } else {
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw CSVError(line: recordLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || quotedField {
            try finishField()
            finishRecord()
        }
        return records
    }
}
