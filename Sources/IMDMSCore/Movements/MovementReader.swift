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
            try CSVReader.detecting(in: data.prefix(4096)).forEachRecord(in: data) { original in
                var record = original
                record.line += firstLine - 1
                if outcome.columns.isEmpty && !headerMissing {
                    for (index, name) in record.fields.enumerated() { outcome.columns[name.trimmingCharacters(in: .whitespaces).lowercased()] = index }
                    let missing = profile.required.filter { outcome.columns[$0.lowercased()] == nil }
                    if !missing.isEmpty {
                        problem(ImportProblem(.missingColumn, row: record.line, column: missing.joined(separator: ", "), message: MovementError.missingColumns(missing).description))
                        headerMissing = true
                    }
                    return
                }
                guard !headerMissing, !record.isBlank else { return }
                outcome.rows += 1
                let at = positions ?? Positions(profile: profile, columns: outcome.columns)
                positions = at
                if let movement = movement(record, at, &caches, &unknown, problem) { outcome.movements.append(movement) }
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

    private func movement(_ record: CSVRecord, _ positions: Positions, _ caches: inout Caches, _ unknown: inout MovementUnknownValues,
                          _ problem: (ImportProblem) -> Void) -> Movement? {
        let row = record.line
        var ok = true
        func field(_ index: Int?) -> String {
            guard let index, index < record.fields.count else { return "" }
            return record.fields[index].trimmedSpaces
        }
        func code(_ codes: Codes, _ column: String, _ index: Int?, allowEmpty: String? = nil) -> String {
            let text = field(index)
            if text.isEmpty, let allowEmpty { return allowEmpty }
            if let found = caches.codes[codes.rawValue][text] { return found }
            let matcher = matchers[codes.rawValue]
            if let found = matcher.match(text), found != "_T" { caches.codes[codes.rawValue].insert(found, for: text); return found }
            ok = false
            unknown.record(column: column, codelistID: matcher.codelist.id, text: text, row: row)
            return ""
        }
        var timeText = field(positions.time)
        if timeText.utf8.count > 10, timeText.utf8[timeText.utf8.index(timeText.utf8.startIndex, offsetBy: 10)] == UInt8(ascii: " ") {
            timeText = timeText.replacingOccurrences(of: " ", with: "T")  // `2023-12-24 08:15`
        }
        // Counted in bytes: a time is ASCII, and `parseTime` takes only ASCII digits and signs. The
        // first 16 characters are the first 16 bytes when those are ASCII and the next one is too
        // (a combining mark after them would belong to the 16th character).
        let bytes = timeText.utf8
        let asciiPrefix = bytes.prefix(17).allSatisfy { $0 < 0x80 }
        let time = asciiPrefix ? String(decoding: bytes.prefix(16), as: UTF8.self) : String(timeText.prefix(16))
        if (asciiPrefix ? time.utf8.count : time.count) != 16 || Movement.parseTime(time) == nil {
            ok = false
            problem(ImportProblem(.badPeriod, row: row, column: profile.time, value: timeText, message: "expected a date and time such as 2023-12-24T08:15"))
        }
        let post = code(.post, profile.borderPost, positions.borderPost)
        let direction = code(.direction, profile.direction, positions.direction)
        let sex = code(.sex, profile.sex, positions.sex, allowEmpty: "_U")
        let nationality = code(.area, profile.nationality, positions.nationality)
        let residence = code(.area, profile.residence, positions.residence, allowEmpty: "_U")
        let purpose = code(.purpose, profile.purpose, positions.purpose, allowEmpty: "_U")
        // One pseudonym per document and nationality text: people cross many times, and the HMAC
        // is the dearest step of a row. The cache lives as long as one piece, in memory only.
        let identity = Caches.Identity(document: field(positions.documentNumber), nationality: nationality)
        let pseudonym = (caches.last?.identity == identity ? caches.last?.pseudonym : nil) ?? caches.pseudonyms[identity] ?? {
            let document = Pseudonymiser.normalise(documentNumber: identity.document)
            guard !document.isEmpty else { return "" }
            let value = pseudonymiser.pseudonym(documentNumber: document, nationality: nationality)
            caches.pseudonyms[identity] = value
            return value
        }()
        caches.last = (identity, pseudonym)
        if pseudonym.isEmpty {
            ok = false
            problem(ImportProblem(.missingValue, row: row, column: profile.documentNumber, message: "no document number: the crossing cannot be linked to a person"))
        }
        var age: Int?, birthYear: Int?
        let birthText = field(positions.dateOfBirth)
        if !birthText.isEmpty {
            // Bytes counted: `age` reads ten ASCII bytes only (ten characters that are not ten bytes fail there too).
            if birthText.utf8.count == 10, let years = Movement.age(born: birthText, at: time) {
                if years < 0 || years > 120 {
                    ok = false
                    problem(ImportProblem(.badPeriod, row: row, column: profile.dateOfBirth, message: "the date of birth gives an age of \(years) at the crossing"))
                } else {
                    age = years
                    birthYear = Int(birthText.prefix(4))
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
}
