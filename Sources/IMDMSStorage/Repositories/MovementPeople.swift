import FluentKit
import FluentSQLiteDriver
import Foundation
import IMDMSCore
import Logging
import SQLKit

/// Where each person's settled crossings end (`movement_people`, D50): the people an extract adds
/// to are opened (in the derivation's transaction, or on SQLite in the one that stores the extract,
/// D91), and the derivation reads only the crossings after each open person's checkpoint — those it
/// read last time kept for the person (`movement_kept`, D82, D92), the new ones from `movements`.
struct MovementPeople: Sendable {
    let database: any Database
    var sql: any SQLDatabase { database.sql }

    /// Opens the people of the pending extracts (`batches`); `all`: every stored person, from their
    /// first record (a store derived before D50, or whose state is missing). A person with a new
    /// crossing at or before `latest` (the last crossing of the previous derivation) is read again
    /// from the first record: their kept crossings no longer hold everything before the new ones.
    func open(batches: [PendingExtract], latest: String?, all: Bool) async throws {
        if all {
            try await sql.raw("DELETE FROM movement_kept").run()
            try await sql.raw("DELETE FROM movement_people").run()
            try await sql.raw("INSERT INTO movement_people (person, settled_until, resident, open) SELECT DISTINCT person, '', CAST(NULL AS BOOLEAN), \(true) FROM movements").run()
            return
        }
        guard !batches.isEmpty else { return }
        let new = PendingExtract.crossings(of: batches)
        // One statement: a person new to the store is added (nothing kept: read from the first
        // record, which for them is the new crossings), one already there opened.
        try await sql.raw("""
            INSERT INTO movement_people (person, settled_until, resident, open)
            SELECT m.person, '', CAST(NULL AS BOOLEAN), \(true) FROM movements m WHERE \(new) GROUP BY m.person
            ON CONFLICT (person) DO UPDATE SET open = \(true), changes_at = NULL
            """).run()
        // Those with a new crossing not after `latest` (late records, rare) lose their checkpoint and
        // kept crossings. Whether there are any is one look at the extracts' first crossing.
        struct First: Decodable { var first: String? }
        guard let latest, let first = try await sql.raw("SELECT MIN(m.crossed_at) AS first FROM movements m WHERE \(new)").first(decoding: First.self)?.first,
              first <= latest else { return }
        let early: SQLQueryString = "SELECT m.person FROM movements m WHERE \(new) GROUP BY m.person HAVING MIN(m.crossed_at) <= \(bind: latest)"
        try await sql.raw("UPDATE movement_people SET settled_until = '', resident = NULL WHERE person IN (\(early))").run()
        try await sql.raw("DELETE FROM movement_kept WHERE person IN (\(early))").run()
    }

    /// Opens the people of an extract in the SQLite transaction that stores it, against the last
    /// crossing the kept state was derived to — where the next derivation starts: the write lock
    /// keeps any other out until then — and returns that point for the extract's mark (D91). Nil
    /// when the store was never derived (the derivation then starts from scratch).
    func openAsStored(_ extract: PendingExtract) async throws -> String? {
        guard let derived = try await SettingsTable.value(MovementDerivationJob.latestKey, on: sql) else { return nil }
        try await open(batches: [extract], latest: derived, all: false)
        return derived
    }

    /// Crossings read at a time, about: memory holds one page (and the next, being read) and the
    /// derived cells, whatever the size of the store. The people per page follow from the crossings
    /// per person seen so far.
    static let pageRows = 100_000

    /// Every open person's crossings after their checkpoint whose statistics may change, person by
    /// person, `body` called once per person; the next page is read while one is derived.
    /// `batches`: the extracts being derived (nil: every crossing is new); `latest`: the last
    /// crossing the previous derivation read (a person's kept crossings hold everything up to it);
    /// `end`: the new end of the data (people whose `changes_at` is later are left out, D83).
    /// Returns how many people were read.
    @discardableResult
    func forEachOpenPerson(newIn batches: [PendingExtract]?, since latest: String?, end: String,
                           _ body: (Person) throws -> Void) async throws -> Int {
        let database = self.database, postgres = !(database is any SQLiteDatabase)
        return try await Self.forEachPage({ after, limit in
            try await Self.page(after: after, limit: limit, newIn: batches, since: latest, end: end, postgres: postgres) { query in
                try await QueryRow.read(query, on: database) { $0 }
            }
        }, body)
    }

    /// `forEachOpenPerson` in an SQLite store whose open people are committed (D91): read on a
    /// connection of its own, in one snapshot, beside the derivation's transaction.
    static func forEachOpenPerson(sqlitePath path: String, logger: Logger, newIn batches: [PendingExtract], since latest: String?, end: String,
                                  _ body: (Person) throws -> Void) async throws -> Int {
        try await onOwnConnection(sqlitePath: path, logger: logger) { connection in
            try await forEachPage({ after, limit in
                try await page(after: after, limit: limit, newIn: batches, since: latest, end: end, postgres: false) { query in
                    try await QueryRow.read(query, on: connection) { $0 }
                }
            }, body)
        }
    }

    /// Hands `body` each person of the pages `page(after, limit)` reads — up to `limit` people after
    /// the person numbered `after` — reading the next page while one is derived. Returns how many people were read.
    static func forEachPage(_ page: @escaping @Sendable (_ after: Int, _ limit: Int) async throws -> [Person],
                            _ body: (Person) throws -> Void) async throws -> Int {
        var count = 0, rows = 0, size = 1_000
        var next: Task<[Person], any Error>? = Task { [size] in try await page(0, size) }
        while let reading = next {
            let people = try await reading.value
            next = nil
            guard let last = people.last else { break }
            count += people.count
            rows += people.reduce(0) { $0 + $1.movements.count }
            if people.count == size {
                size = min(20_000, max(50, pageRows * count / max(rows, 1)))
                let limit = size
                next = Task { try await page(last.person, limit) }
            }
            for person in people { try body(person) }
        }
        return count
    }

    /// Up to `limit` open people after `after`, each with their crossings after the checkpoint in
    /// time order — what the derivation uses, not the residence or the year of birth. Each person's
    /// crossings come as one text (fields joined by US, crossings by RS) put together inside the
    /// database: reading a row per crossing cost eight times more on SQLite and five on PostgreSQL.
    /// A person whose crossings are kept (`movement_kept`, D82) has only those after `latest`
    /// read from `movements`: the new ones.
    private static func page(after: Int, limit: Int, newIn batches: [PendingExtract]?, since latest: String?, end: String, postgres: Bool,
                             rows: (SQLQueryString) async throws -> [QueryRow]) async throws -> [Person] {
        let isNew: SQLQueryString = batches.map { $0.isEmpty ? "'0'" : "CASE WHEN \(PendingExtract.crossings(of: $0)) THEN '1' ELSE '0' END" } ?? "'1'"
        let us: SQLQueryString = postgres ? "chr(31)" : "char(31)", rs: SQLQueryString = postgres ? "chr(30)" : "char(30)"
        // NULL for a person without crossings to read (a LEFT JOIN's empty row): aggregates skip it.
        let fields: SQLQueryString = """
            CASE WHEN m.person IS NOT NULL THEN
            concat_ws(\(us), m.crossed_at, m.border_post, m.direction, m.attributes, \(isNew)) END
            """
        // On PostgreSQL `string_agg` orders the crossings; on SQLite `putInOrder` checks them.
        // The page's last person first (on the primary key): the grouped query then reads that range
        // alone, grouped by the primary key only (PostgreSQL takes the person's other columns as
        // depending on it) so SQLite groups in index order — grouped by three columns with a LIMIT,
        // it sorted every remaining crossing for each page.
        let due: SQLQueryString = "p.open = \(true) AND (p.changes_at IS NULL OR p.changes_at <= \(bind: end))"
        // The last of up to `limit` people, so the range is bounded on the last page too: left
        // open there, PostgreSQL scanned every crossing in the store (2.6M: 330 ms, a bounded page 80 ms).
        guard let last = try await rows("""
            SELECT person FROM (SELECT person FROM movement_people p WHERE \(due) AND person > \(bind: after)
                                ORDER BY person LIMIT \(literal: max(1, limit))) page
            ORDER BY person DESC LIMIT 1
            """).first.flatMap({ try $0.int("person") }) else { return [] }
        // The range is given for both tables: given for the people alone, PostgreSQL scanned every
        // crossing in the store for each page (a hash join; 380 ms a page of 6,000 people at 2.6M crossings, 100 ms with it).
        // Someone with kept crossings and none new (an outcome still open) has no row in
        // `movements` to read: a LEFT JOIN, its conditions on `m` in the ON clause.
        // The kept crossings (`movement_kept`, D92) are one row a person: grouped by its key too on
        // PostgreSQL, which then takes the text as depending on it; SQLite takes it as it is.
        let query: SQLQueryString = """
            SELECT p.person, p.settled_until, p.resident, k.crossings AS kept, p.changes_at,
                   \(unsafeRaw: postgres ? "string_agg" : "group_concat")(\(fields), \(rs)\(unsafeRaw: postgres ? " ORDER BY m.crossed_at, m.border_post, m.direction" : "")) AS crossings
            FROM movement_people p LEFT JOIN movement_kept k ON k.person = p.person
            LEFT JOIN movements m ON m.person = p.person
                AND m.crossed_at > CASE WHEN k.person IS NULL THEN p.settled_until ELSE \(bind: latest ?? "") END
                AND m.person > \(bind: after) AND m.person <= \(bind: last)
            WHERE \(due) AND p.person > \(bind: after) AND p.person <= \(bind: last)
            GROUP BY p.person\(unsafeRaw: postgres ? ", k.person" : "") ORDER BY p.person
            """
        // Read by column (`QueryRow`): decoding through `Codable` cost more than the query.
        return try await rows(query).map { row in
            let kept = try row.string("kept")
            var person = Person(person: try row.int("person") ?? 0, settledUntil: try row.string("settled_until") ?? "",
                                resident: try row.bool("resident"), kept: kept, changesAt: try row.string("changes_at"), movements: [], isNew: [])
            person.read(kept: kept, new: try row.string("crossings") ?? "")
            return person
        }
    }

    static let fieldCount = 4 + CrossingAttributes.count

    /// Calls `body` with where the ten fields of each crossing in a person's text are (fields
    /// separated by US, crossings by RS): time, post, direction, the six attributes
    /// (`CrossingAttributes`) and whether it is new. Read in one pass over the bytes, and only the
    /// fields the derivation uses become texts: splitting the text into arrays of slices first cost
    /// as much as deriving, and a text for every field a fifth of reading a page. A crossing without
    /// ten fields is skipped.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ body: ([Range<Int>]) -> Void) {
        var fields: [Range<Int>] = []
        fields.reserveCapacity(fieldCount)
        var start = 0
        for index in 0...bytes.count {
            let byte: UInt8 = index < bytes.count ? bytes[index] : 30
            guard byte == 30 || byte == 31 else { continue }
            fields.append(start..<index)
            start = index + 1
            if byte == 30 {
                if fields.count == fieldCount { body(fields) }
                fields.removeAll(keepingCapacity: true)
            }
        }
    }

    /// The crossing `parse` found at `fields` of `bytes`, with what the derivation uses (no year of
    /// birth, no residence), and whether it is new.
    static func crossing(_ bytes: UnsafeBufferPointer<UInt8>, _ fields: [Range<Int>], pseudonym: String) -> (Movement, isNew: Bool) {
        func text(_ index: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[fields[index]]), as: UTF8.self) }
        func equals(_ index: Int, _ value: String) -> Bool { bytes[fields[index]].elementsEqual(value.utf8) }
        let movement = Movement(pseudonym: pseudonym, time: text(0), borderPost: text(1), direction: equals(2, "DEP") ? .departure : .arrival,
                                sex: text(3), age: fields[4].isEmpty ? nil : Int(text(4)), birthYear: nil, nationality: text(6), residence: "",
                                purpose: text(8))
        return (movement, equals(9, "1"))
    }

    /// The text `parse` reads for the given crossings, none of them new (what is kept in `movement_kept`):
    /// what the derivation uses, so the year of birth and the residence empty. Written as bytes,
    /// without a `String` per field: it runs for every open crossing.
    static func text(of movements: ArraySlice<Movement>) -> String {
        guard !movements.isEmpty else { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(movements.count * 48)
        // By index, each field read in place: a crossing copied for each (`for … in`) retained and released its eight texts.
        for index in movements.indices {
            if !bytes.isEmpty { bytes.append(30) }
            bytes.append(contentsOf: movements[index].time.utf8)
            bytes.append(31)
            bytes.append(contentsOf: movements[index].borderPost.utf8)
            bytes.append(31)
            bytes.append(contentsOf: movements[index].direction.rawValue.utf8)
            bytes.append(31)
            CrossingAttributes.append(sex: movements[index].sex, age: movements[index].age, birthYear: nil, nationality: movements[index].nationality,
                                      residence: "", purpose: movements[index].purpose, to: &bytes)
            bytes.append(31)
            bytes.append(UInt8(ascii: "0"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A person's new checkpoint.
    struct Checkpoint {
        var person: Int
        var settledUntil: String
        var resident: Bool?
        var open: Bool
        /// The crossings after the checkpoint (`text(of:)`; empty when none).
        var openCrossings: String
        /// When the statistics could change without a new crossing (a minute; nil: only by one).
        var changesAt: String?

        /// Whether it is what `person` was read with: still open, nothing new, nothing settled.
        func isUnchanged(from person: Person) -> Bool {
            open && settledUntil == person.settledUntil && resident == person.resident && openCrossings == person.kept
                && changesAt == person.changesAt
        }
    }

    /// Replaces the checkpoints of the open people (all of them were read) that changed. Those
    /// unchanged — about half of them for a small extract — are left as they are.
    func replace(with checkpoints: [Checkpoint]) async throws {
        let rows = checkpoints.map { c -> [BulkWriter.Value] in
            [.integer(c.person), .text(c.settledUntil), c.resident.map { .boolean($0) } ?? .null, .boolean(c.open), c.changesAt.map { .text($0) } ?? .null]
        }
        let writer = BulkWriter(database: database)
        try await writer.replace(into: "movement_people", key: "person", columns: ["person", "settled_until", "resident", "open", "changes_at"], rows: rows)
        try await writer.replace(into: "movement_kept", key: "person", columns: ["person", "crossings"],
                                 rows: checkpoints.map { [.integer($0.person), .text($0.openCrossings)] })
    }

    func count() async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await sql.raw("SELECT COUNT(*) AS n FROM movement_people").first(decoding: Count.self)?.n ?? 0
    }
}
