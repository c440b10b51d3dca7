/// A small byte-level XML tokenizer for the parts of an XLSX package. It is fed chunks as they
/// are decompressed and keeps only the incomplete tail between chunks, so memory does not grow
/// with the sheet. It refuses DOCTYPE and entity declarations (no entity expansion tricks).
///
/// Only what spreadsheet XML uses is supported: elements, attributes, text, the five predefined
/// entities, numeric character references, CDATA, comments and processing instructions.
struct XMLScanner {
    enum Event {
        case start(name: ArraySlice<UInt8>, attributes: [(name: ArraySlice<UInt8>, value: String)], selfClosing: Bool)
        case end(name: ArraySlice<UInt8>)
        case text(String)
    }

    let part: String
    private var buffer: [UInt8] = []
    /// The unfinished token at the start of the buffer has been searched up to here for its end
    /// (relative to the buffer), with this quote state inside a tag: the next chunk's scan goes on
    /// from there instead of from the token's start, so a comment or text that never ends costs
    /// linear time, not quadratic.
    private var resumeAt = 0
    private var resumeQuote: UInt8 = 0
    /// No single token (text, tag, comment) may be longer; real sheets' longest are a few kB.
    static let maxTokenBytes = 64 << 20

    init(part: String) { self.part = part }

    /// Appends a chunk and reports every complete event in it.
    mutating func feed(_ chunk: some Collection<UInt8>, _ handle: (Event) throws -> Void) throws {
        buffer.append(contentsOf: chunk)
        let consumed = try scan(final: false, handle)
        buffer.removeFirst(consumed)
        if buffer.count > Self.maxTokenBytes {
            throw WorkbookError.malformed(part: part, reason: "an XML token runs over \(Self.maxTokenBytes >> 20) MB without ending")
        }
    }

    /// Reports what remains; an unfinished tag is an error.
    mutating func finish(_ handle: (Event) throws -> Void) throws {
        let consumed = try scan(final: true, handle)
        resumeAt = 0
        if consumed < buffer.count {
            throw WorkbookError.malformed(part: part, reason: "the XML ends inside a tag")
        }
        buffer.removeAll()
    }

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
    private static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), bang = UInt8(ascii: "!")
    private static let question = UInt8(ascii: "?"), equals = UInt8(ascii: "=")

    /// Scans complete tokens; returns how many bytes were consumed. The token at the buffer's
    /// start resumes its search where the last scan stopped.
    private mutating func scan(final: Bool, _ handle: (Event) throws -> Void) throws -> Int {
        var i = 0
        let n = buffer.count
        /// Where the search for the end of the token at `i` may start (`earliest`, its first possible
        /// position; later when this token was searched before); records where an unfinished one stopped.
        func from(_ earliest: Int, needle: Int = 1) -> Int { i == 0 ? max(earliest, resumeAt - (needle - 1)) : earliest }
        func unfinished(quote: UInt8 = 0) -> Int {
            resumeAt = n - i
            resumeQuote = quote
            return i
        }
        while i < n {
            if buffer[i] != Self.lt {
                guard let next = index(of: Self.lt, from: from(i)) ?? (final ? n : nil) else { return unfinished() }
                try handle(.text(try decode(buffer[i..<next])))
                i = next
                resumeAt = 0
                continue
            }
            guard i + 1 < n else { return unfinished() }
            switch buffer[i + 1] {
            case Self.question:
                guard let close = find([Self.question, Self.gt], from: from(i + 2, needle: 2)) else { return unfinished() }
                i = close + 2
            case Self.bang:
                if starts(with: "<!--", at: i) {
                    guard let close = find(Array("-->".utf8), from: from(i + 4, needle: 3)) else { return unfinished() }
                    i = close + 3
                } else if starts(with: "<![CDATA[", at: i) {
                    guard let close = find(Array("]]>".utf8), from: from(i + 9, needle: 3)) else { return unfinished() }
                    try handle(.text(String(decoding: buffer[(i + 9)..<close], as: UTF8.self)))
                    i = close + 3
                } else {
                    guard i + 9 <= n || final else { return unfinished() }
                    throw WorkbookError.unsafeXML(part: part, reason: "DOCTYPE and ENTITY declarations are not allowed in a workbook")
                }
            default:
                let resumed = i == 0 && resumeAt > 1
                let (close, quote) = tagEnd(from: resumed ? resumeAt : i + 1, quote: resumed ? resumeQuote : 0)
                guard let close else { return unfinished(quote: quote) }
                try handle(try tag(buffer[(i + 1)..<close]))
                i = close + 1
            }
            resumeAt = 0
        }
        return i
    }

    private func index(of byte: UInt8, from start: Int) -> Int? {
        var i = start
        while i < buffer.count {
            if buffer[i] == byte { return i }
            i += 1
        }
        return nil
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard needle.count <= buffer.count else { return nil }
        var i = start
        while i + needle.count <= buffer.count {
            if buffer[i] == needle[0] && buffer[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private func starts(with text: String, at i: Int) -> Bool {
        let bytes = Array(text.utf8)
        return i + bytes.count <= buffer.count && buffer[i..<(i + bytes.count)].elementsEqual(bytes)
    }

    /// The `>` closing a tag, skipping quoted attribute values; without one, the quote state at
    /// the buffer's end (to resume from there).
    private func tagEnd(from start: Int, quote open: UInt8) -> (Int?, UInt8) {
        var i = start
        var quote = open
        while i < buffer.count {
            let b = buffer[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == Self.quote || b == Self.apostrophe {
                quote = b
            } else if b == Self.gt {
                return (i, 0)
            }
            i += 1
        }
        return (nil, quote)
    }

    private func tag(_ bytes: ArraySlice<UInt8>) throws -> Event {
        var body = bytes
        if body.first == Self.slash {
            body = body.dropFirst()
            return .end(name: localName(trimmed(body)))
        }
        var selfClosing = false
        if body.last == Self.slash {
            selfClosing = true
            body = body.dropLast()
        }
        var i = body.startIndex
        while i < body.endIndex && !isSpace(body[i]) { i += 1 }
        let name = localName(body[body.startIndex..<i])
        var attributes: [(name: ArraySlice<UInt8>, value: String)] = []
        while i < body.endIndex {
            while i < body.endIndex && isSpace(body[i]) { i += 1 }
            guard i < body.endIndex else { break }
            let nameStart = i
            while i < body.endIndex && body[i] != Self.equals && !isSpace(body[i]) { i += 1 }
            let attributeName = body[nameStart..<i]
            while i < body.endIndex && (isSpace(body[i]) || body[i] == Self.equals) { i += 1 }
            guard i < body.endIndex, body[i] == Self.quote || body[i] == Self.apostrophe else {
                throw WorkbookError.malformed(part: part, reason: "an attribute has no quoted value")
            }
            let quote = body[i]
            let valueStart = i + 1
            i = valueStart
            while i < body.endIndex && body[i] != quote { i += 1 }
            attributes.append((localName(attributeName), try decode(body[valueStart..<min(i, body.endIndex)])))
            i += 1
        }
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let last = slice.last, isSpace(last) { slice = slice.dropLast() }
        return slice
    }

    /// `x:row` → `row`: spreadsheet parts may carry a namespace prefix.
    private func localName(_ name: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if let colon = name.lastIndex(of: UInt8(ascii: ":")) { return name[(colon + 1)...] }
        return name
    }

    /// Text with entity and character references resolved.
    private func decode(_ bytes: ArraySlice<UInt8>) throws -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            guard bytes[i] == UInt8(ascii: "&") else {
                out.append(bytes[i])
                i += 1
                continue
            }
            guard let semicolon = bytes[i...].firstIndex(of: UInt8(ascii: ";")), semicolon - i <= 10 else {
                throw WorkbookError.malformed(part: part, reason: "a stray '&' in text")
            }
            let entity = String(decoding: bytes[(i + 1)..<semicolon], as: UTF8.self)
            switch entity {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let scalar: UInt32?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst())
                } else {
                    throw WorkbookError.unsafeXML(part: part, reason: "unknown entity '&\(entity);'")
                }
                guard let value = scalar, let unicode = Unicode.Scalar(value) else {
                    throw WorkbookError.malformed(part: part, reason: "bad character reference '&\(entity);'")
                }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            }
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension ArraySlice<UInt8> {
    /// Compares with an ASCII name without making a String.
    func `is`(_ name: StaticString) -> Bool {
        count == name.utf8CodeUnitCount && elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }
}
