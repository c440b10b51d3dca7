import Foundation

/// Reads a border extract (CSV) into pseudonymised movements: the document number and
/// nationality become a pseudonym, the date of birth an age at crossing and a year of birth;
/// names and document numbers are read only to be dropped. Every problem is named by row and
/// column (identity values are never repeated in messages); a file with any problem gives no
/// movements. A large file is read piece by piece (`read(piece:firstLine:columns:)`).
public struct MovementReader: Sendable {
    public static let problemLimit = 200

    public let profile: MovementProfile
    public let pseudonymiser: Pseudonymiser
    let codelists: [String: Codelist]
    /// One matcher per `Codes` slot.
    let matchers: [CodeMatcher]

    /// The codelists a crossing's codes come from, each a slot of `matchers` and of `Caches.codes`.
    enum Codes: Int, CaseIterable {
        case post, direction, sex, area, purpose
        var codelistID: String { ["CL_BORDER_POST", "CL_DIRECTION", "CL_SEX", "CL_AREA", "CL_PURPOSE"][rawValue] }
    }

    public struct Outcome: Sendable {
        public var movements: [Movement]
        public var problems: [ImportProblem]
        public var rows: Int
        /// The header's columns (name → position), to read the file's next pieces with.
        public var columns: [String: Int]
        /// Texts that matched no code, counted (merged over pieces, then turned into problems).
        public var unknown = MovementUnknownValues()
    }

    public init(profile: MovementProfile, pseudonymiser: Pseudonymiser, codelists: [String: Codelist],
                storedAliases: [String: [String: String]] = [:]) throws(MovementError) {
        func matcher(_ id: String) throws(MovementError) -> CodeMatcher {
            guard let list = codelists[id] else { throw .unreadableFile("the reference configuration has no \(id)") }
            return CodeMatcher(codelist: list, extraAliases: (storedAliases[id] ?? [:]).merging(profile.aliases[id] ?? [:]) { $1 })
        }
        self.profile = profile
        self.pseudonymiser = pseudonymiser
        self.codelists = codelists
        matchers = try Codes.allCases.map { codes throws(MovementError) in try matcher(codes.codelistID) }
    }

    /// Reads a whole file (header first).
    public func read(_ data: Data) -> Outcome {
        var outcome = read(piece: data, firstLine: 1, columns: nil)
        outcome.problems += outcome.unknown.problems(codelists: codelists)
        if outcome.columns.isEmpty && outcome.problems.isEmpty {
            outcome.problems.append(ImportProblem(.emptyFile, message: "the file has no header line"))
        }
        if !outcome.problems.isEmpty { outcome.movements = [] }
        return outcome
    }

    /// Reads one piece of a file (`CSVChunks`): the first piece with `columns` nil starts with
    /// the header; later pieces use the columns it found. Rows are numbered from `firstLine`.
    public func read(piece data: Data, firstLine: Int, columns known: [String: Int]?) -> Outcome {
        var outcome = Outcome(movements: [], problems: [], rows: 0, columns: known ?? [:])
        var unknown = MovementUnknownValues()
        var extraProblems = 0
        func problem(_ p: ImportProblem) {
            if outcome.problems.count < Self.problemLimit { outcome.problems.append(p) } else { extraProblems += 1 }
        }
        var headerMissing = false
        var caches = Caches()
        var positions: Positions?
        do {
            // Each row's fields as bytes: only the time and texts not met before become `String`s.
            try CSVReader.detecting(in: data.prefix(4096)).forEachRow(in: data) { fields in
                let row = fields.line + firstLine - 1
                if outcome.columns.isEmpty && !headerMissing {
                    for index in 0..<fields.count { outcome.columns[fields.text(index).trimmingCharacters(in: .whitespaces).lowercased()] = index }
                    let missing = profile.required.filter { outcome.columns[$0.lowercased()] == nil }
                    if !missing.isEmpty {
                        problem(ImportProblem(.missingColumn, row: row, column: missing.joined(separator: ", "), message: MovementError.missingColumns(missing).description))
                        headerMissing = true
                    }
                    return
                }
                guard !headerMissing, !fields.isBlank else { return }
                outcome.rows += 1
                let at = positions ?? Positions(profile: profile, columns: outcome.columns)
                positions = at
                if let movement = movement(fields, row: row, at, &caches, &unknown, problem) { outcome.movements.append(movement) }
            }
        } catch {
            problem(ImportProblem(.unreadableFile, row: error.line + firstLine - 1, message: error.reason))
        }
        if extraProblems > 0 { outcome.problems.append(ImportProblem(.unreadableFile, message: "and \(extraProblems) more problems")) }
        outcome.unknown = unknown
        return outcome
    }

    /// Where each column the reader uses is in the file's records (nil: missing), resolved once a
    /// piece instead of by name for every field of every row.
    struct Positions {
        var time, borderPost, direction, documentNumber, sex, dateOfBirth, nationality, residence, purpose: Int?

        init(profile: MovementProfile, columns: [String: Int]) {
            func at(_ name: String) -> Int? { columns[name.lowercased()] }
            time = at(profile.time); borderPost = at(profile.borderPost); direction = at(profile.direction)
            documentNumber = at(profile.documentNumber); sex = at(profile.sex); dateOfBirth = at(profile.dateOfBirth)
            nationality = at(profile.nationality); residence = at(profile.residence); purpose = at(profile.purpose)
        }
    }

    /// What one piece has already worked out: a few distinct texts per column, many rows. In
    /// memory for one piece only (the pseudonyms too).
    struct Caches {
        /// Text → code, for each of `Codes`.
        var codes = [TextLookup<String>](repeating: TextLookup(), count: Codes.allCases.count)
        var pseudonyms: [Identity: String] = [:]
        /// The last row's identity and pseudonym: a person's crossings often follow each other.
        var last: (identity: Identity, pseudonym: String)?
        struct Identity: Hashable { var document: String; var nationality: String }
    }

    private func movement(_ fields: CSVFields, row: Int, _ positions: Positions, _ caches: inout Caches, _ unknown: inout MovementUnknownValues,
                          _ problem: (ImportProblem) -> Void) -> Movement? {
        var ok = true
        func field(_ index: Int?) -> UnsafeBufferPointer<UInt8> {
            guard let index, index < fields.count else { return UnsafeBufferPointer(start: nil, count: 0) }
            return SpaceTrimming.trimmed(fields[index])
        }
        func code(_ codes: Codes, _ column: String, _ index: Int?, allowEmpty: String? = nil) -> String {
            let bytes = field(index)
            if bytes.isEmpty, let allowEmpty { return allowEmpty }
            if let found = caches.codes[codes.rawValue][utf8: bytes] { return found }
            let text = String(decoding: bytes, as: UTF8.self)
            let matcher = matchers[codes.rawValue]
            if let found = matcher.match(text), found != "_T" { caches.codes[codes.rawValue].insert(found, for: text); return found }
            ok = false
            unknown.record(column: column, codelistID: matcher.codelist.id, text: text, row: row)
            return ""
        }
        let (time, timeFields) = Self.time(field(positions.time))
        if timeFields == nil {
            ok = false
            problem(ImportProblem(.badPeriod, row: row, column: profile.time, value: Self.timeText(field(positions.time)),
                                  message: "expected a date and time such as 2023-12-24T08:15"))
        }
        let post = code(.post, profile.borderPost, positions.borderPost)
        let direction = code(.direction, profile.direction, positions.direction)
        let sex = code(.sex, profile.sex, positions.sex, allowEmpty: "_U")
        let nationality = code(.area, profile.nationality, positions.nationality)
        let residence = code(.area, profile.residence, positions.residence, allowEmpty: "_U")
        let purpose = code(.purpose, profile.purpose, positions.purpose, allowEmpty: "_U")
        // One pseudonym per document and nationality text: people cross many times, and the HMAC
        // is the dearest step of a row. The cache lives as long as one piece, in memory only.
        let document = field(positions.documentNumber)
        let pseudonym: String
        if let last = caches.last, last.identity.nationality == nationality, Self.equal(document, last.identity.document) {
            pseudonym = last.pseudonym
        } else {
            let identity = Caches.Identity(document: String(decoding: document, as: UTF8.self), nationality: nationality)
            pseudonym = caches.pseudonyms[identity] ?? {
                let normalised = Pseudonymiser.normalise(documentNumber: identity.document)
                guard !normalised.isEmpty else { return "" }
                let value = pseudonymiser.pseudonym(normalisedDocument: normalised, nationality: nationality)
                caches.pseudonyms[identity] = value
                return value
            }()
            caches.last = (identity, pseudonym)
        }
        if pseudonym.isEmpty {
            ok = false
            problem(ImportProblem(.missingValue, row: row, column: profile.documentNumber, message: "no document number: the crossing cannot be linked to a person"))
        }
        var age: Int?, birthYear: Int?
        let birth = field(positions.dateOfBirth)
        if !birth.isEmpty {
            // Ten ASCII bytes only (ten characters that are not ten bytes fail there too).
            if birth.count == 10, let born = Movement.fields(bytes: birth), let at = timeFields ?? Movement.fields(time) {
                let years = Movement.age(born: born, at: at)
                if years < 0 || years > 120 {
                    ok = false
                    problem(ImportProblem(.badPeriod, row: row, column: profile.dateOfBirth, message: "the date of birth gives an age of \(years) at the crossing"))
                } else {
                    age = years
                    birthYear = born.0
                }
            } else {
                ok = false
                problem(ImportProblem(.badPeriod, row: row, column: profile.dateOfBirth, message: "not a date as YYYY-MM-DD"))
            }
        }
        guard ok, let dir = Movement.Direction(rawValue: direction) else { return nil }
        return Movement(pseudonym: pseudonym, time: time, borderPost: post,
                        direction: dir, sex: sex, age: age, birthYear: birthYear, nationality: nationality, residence: residence, purpose: purpose)
    }

    /// Whether `bytes` are the UTF-8 of `text`.
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.hasSameBytes(as: bytes) }
    }

    /// A crossing's time field as kept (its first 16 characters) and read (nil: not a time). A
    /// time of 16 ASCII bytes or more, `T` between date and time, is read in place. Otherwise the
    /// field becomes text first: `2023-12-24 08:15` (a space after the date: every space made a
    /// `T`), and anything else, counted in characters.
    static func time(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, (Int, Int, Int, Int, Int)?) {
        let spaced = bytes.count > 10 && bytes[10] == UInt8(ascii: " ")
        if !spaced && bytes.count >= 16 && !bytes.prefix(17).contains(where: { $0 >= 0x80 }) {
            let sixteen = UnsafeBufferPointer(rebasing: bytes[0..<16])
            return (String(decoding: sixteen, as: UTF8.self), Movement.fields(bytes: sixteen))
        }
        // Counted in bytes when ASCII: `parseTime` takes only ASCII digits and signs. The first 16
        // characters are the first 16 bytes when those are ASCII and the next one is too (a
        // combining mark after them would belong to the 16th character).
        let timeText = timeText(bytes)
        let utf8 = timeText.utf8
        let asciiPrefix = utf8.prefix(17).allSatisfy { $0 < 0x80 }
        let time = asciiPrefix ? String(decoding: utf8.prefix(16), as: UTF8.self) : String(timeText.prefix(16))
        guard (asciiPrefix ? time.utf8.count : time.count) == 16, let fields = Movement.fields(time) else { return (time, nil) }
        return (time, fields)
    }

    /// The time field as text, a space after the date (`2023-12-24 08:15`) and every other made a `T`.
    static func timeText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return bytes.count > 10 && bytes[10] == UInt8(ascii: " ") ? text.replacingOccurrences(of: " ", with: "T") : text
    }
}
