/// One record's fields as UTF-8 bytes, without a `String` for each (`CSVReader.forEachRow`): a
/// border extract's rows are read this way, tens of millions of fields (issue 16). Valid only
/// while the closure it is handed to runs; the bytes are checked to be UTF-8.
public struct CSVFields {
    /// Where a field's bytes are: in the file as read, or (a quoted field, its quotes taken off)
    /// in the record's own buffer.
    struct Span {
        var start: Int
        var end: Int
        var unquoted: Bool
    }

    /// The line the record starts on (1-based, counting the header).
    public let line: Int
    let source: UnsafeBufferPointer<UInt8>
    let unquoted: UnsafeBufferPointer<UInt8>
    let spans: UnsafeBufferPointer<Span>

    public var count: Int { spans.count }

    /// The bytes of field `index` (0-based; `index` < `count`).
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[index]
        return UnsafeBufferPointer(rebasing: (span.unquoted ? unquoted : source)[span.start..<span.end])
    }

    /// Field `index` as text.
    public func text(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }

    /// The record as `CSVRecord` (a `String` per field).
    public var record: CSVRecord { CSVRecord(line: line, fields: (0..<count).map(text)) }

    /// Whether every field is empty once spaces are trimmed (a blank line or a row of separators).
    public var isBlank: Bool { (0..<count).allSatisfy { SpaceTrimming.trimmed(self[$0]).isEmpty } }
}
