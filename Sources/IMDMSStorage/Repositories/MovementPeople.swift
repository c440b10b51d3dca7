import FluentKit
import FluentSQLiteDriver
import Foundation
import IMDMSCore
import SQLKit

/// Where each person's settled crossings end (`movement_people`, D50), inside the derivation's
/// transaction: the people an extract adds to are opened, and the derivation reads only the
/// crossings after each open person's checkpoint.
struct MovementPeople: Sendable {
    let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// A person's crossings after their checkpoint, in time order.
    struct Person {
        var pseudonym: String
        /// The last settled crossing's time ('' none) and the status after it (nil: from the first record).
        var settledUntil: String
        var resident: Bool?
        var movements: [Movement]
        /// Whether each crossing came with the extracts being derived.
        var isNew: [Bool]
    }

    /// Opens the people of the pending extracts (`batches`); `all`: every stored person, from their
    /// first record (a store derived before D50, or whose state is missing). A person with a new
    /// crossing at or before `latest` (the last crossing of the previous derivation) is read again from the first record.
    func open(batches: [UUID], latest: String?, all: Bool) async throws {
        if all {
            try await sql.raw("DELETE FROM movement_people").run()
            try await sql.raw("INSERT INTO movement_people (pseudonym, settled_until, resident, open) SELECT DISTINCT pseudonym, '', CAST(NULL AS BOOLEAN), \(true) FROM movements").run()
            return
        }
        guard !batches.isEmpty else { return }
        let ids = SQLBind.group(batches)
        try await sql.raw("""
            INSERT INTO movement_people (pseudonym, settled_until, resident, open)
            SELECT DISTINCT pseudonym, '', CAST(NULL AS BOOLEAN), \(true) FROM movements WHERE batch_id IN \(ids) ON CONFLICT (pseudonym) DO NOTHING
            """).run()
        try await sql.raw("""
            UPDATE movement_people SET open = \(true)
            WHERE pseudonym IN (SELECT pseudonym FROM movements WHERE batch_id IN \(ids))
            """).run()
        if let latest {
            try await sql.raw("""
                UPDATE movement_people SET settled_until = '', resident = NULL
                WHERE pseudonym IN (SELECT pseudonym FROM movements WHERE batch_id IN \(ids) AND crossed_at <= \(bind: latest))
                """).run()
        }
    }

    /// Rows read at a time: memory holds one page (and the derived cells), whatever the size of the store.
    static let pageSize = 100_000

    /// Every open person's crossings after their checkpoint, person by person, `body` called once
    /// per person; the next page is read while one is derived. `batches`: the extracts being
    /// derived (nil: every crossing is new). Returns how many people were read.
    @discardableResult
    func forEachOpenPerson(newIn batches: [UUID]?, _ body: (Person) throws -> Void) async throws -> Int {
        let people = self
        var count = 0
        var next: Task<[Row], any Error>? = Task { try await people.read(after: "", newIn: batches, limit: Self.pageSize) }
        while let reading = next {
            var page = try await reading.value
            next = nil
            guard let last = page.last else { break }
            if page.count == Self.pageSize {
                // The page may end inside a person's crossings: leave them for the next page, or,
                // when the whole page is one person, read all of theirs at once.
                if page.first!.pseudonym == last.pseudonym {
                    page = try await read(after: "", newIn: batches, limit: nil, only: last.pseudonym)
                } else {
                    page.removeLast(page.reversed().prefix { $0.pseudonym == last.pseudonym }.count)
                }
                let after = page.last!.pseudonym
                next = Task { try await people.read(after: after, newIn: batches, limit: Self.pageSize) }
            }
            var start = page.startIndex
            while start < page.endIndex {
                var end = start + 1
                while end < page.endIndex && page[end].pseudonym == page[start].pseudonym { end += 1 }
                let rows = page[start..<end]
                try body(Person(pseudonym: rows.first!.pseudonym, settledUntil: rows.first!.settledUntil, resident: rows.first!.resident,
                                movements: rows.map(\.movement), isNew: rows.map(\.isNew)))
                count += 1
                start = end
            }
        }
        return count
    }

    private struct Row {
        var pseudonym: String { movement.pseudonym }
        var movement: Movement
        var settledUntil: String
        var resident: Bool?
        var isNew: Bool
    }

    private struct DecodedRow: Decodable {
        var pseudonym: String, settled_until: String, resident: Bool?, crossed_at: String, border_post: String, direction: String, sex: String
        var age: Int?, nationality: String, purpose: String, is_new: Int
    }

    /// Crossings after the checkpoints of open people after `after` (or of one person), in (person,
    /// time) order, with what the derivation uses (not the residence or year of birth).
    private func read(after: String, newIn batches: [UUID]?, limit: Int?, only person: String? = nil) async throws -> [Row] {
        let isNew: SQLQueryString = batches.map { $0.isEmpty ? "0" : "CASE WHEN m.batch_id IN \(SQLBind.group($0)) THEN 1 ELSE 0 END" } ?? "1"
        let which: SQLQueryString = person.map { "p.pseudonym = \(bind: $0)" } ?? "p.pseudonym > \(bind: after)"
        let limitClause: SQLQueryString = limit.map { "LIMIT \(literal: $0)" } ?? ""
        let query: SQLQueryString = """
            SELECT p.pseudonym, p.settled_until, p.resident, m.crossed_at, m.border_post, m.direction, m.sex, m.age, m.nationality,
                   m.purpose, \(isNew) AS is_new
            FROM movement_people p JOIN movements m ON m.pseudonym = p.pseudonym AND m.crossed_at > p.settled_until
            WHERE p.open = \(true) AND \(which)
            ORDER BY p.pseudonym, m.crossed_at, m.border_post, m.direction \(limitClause)
            """
        guard let sqlite = database as? any SQLiteDatabase else {
            return try await sql.raw(query).all(decoding: DecodedRow.self).map { row in
                Row(movement: Movement(pseudonym: row.pseudonym, time: row.crossed_at, borderPost: row.border_post,
                                       direction: Movement.Direction(rawValue: row.direction) ?? .arrival, sex: row.sex, age: row.age,
                                       birthYear: nil, nationality: row.nationality, residence: "", purpose: row.purpose),
                    settledUntil: row.settled_until, resident: row.resident, isNew: row.is_new != 0)
            }
        }
        // On SQLite the rows are taken by name straight from SQLiteNIO (no `Codable`): this reads every open crossing.
        let (text, binds) = sql.serialize(query)
        let values: [SQLiteData] = binds.map { bind in
            switch bind {
            case let uuid as UUID: return .text(uuid.uuidString)
            case let string as String: return .text(string)
            case let int as Int: return .integer(int)
            default: return .null
            }
        }
        return try await sqlite.query(text, values).map { row in
            func text(_ name: String) -> String { row.column(name)?.string ?? "" }
            let resident = row.column("resident").flatMap { $0 == .null ? nil : $0.integer.map { $0 != 0 } }
            return Row(movement: Movement(pseudonym: text("pseudonym"), time: text("crossed_at"), borderPost: text("border_post"),
                                          direction: Movement.Direction(rawValue: text("direction")) ?? .arrival, sex: text("sex"),
                                          age: row.column("age")?.integer, birthYear: nil,
                                          nationality: text("nationality"), residence: "", purpose: text("purpose")),
                       settledUntil: text("settled_until"), resident: resident, isNew: row.column("is_new")?.integer != 0)
        }
    }

    /// A person's new checkpoint.
    struct Checkpoint {
        var pseudonym: String
        var settledUntil: String
        var resident: Bool?
        var open: Bool
    }

    /// Replaces the checkpoints of every open person (all of them were read) by the new ones.
    func replaceOpen(with checkpoints: [Checkpoint]) async throws {
        try await sql.raw("DELETE FROM movement_people WHERE open = \(true)").run()
        let rows = checkpoints.map { c -> [BulkWriter.Value] in
            [.text(c.pseudonym), .text(c.settledUntil), c.resident.map { .boolean($0) } ?? .null, .boolean(c.open)]
        }
        try await BulkWriter(database: database).insert(into: "movement_people", columns: ["pseudonym", "settled_until", "resident", "open"], rows: rows)
    }

    func count() async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await sql.raw("SELECT COUNT(*) AS n FROM movement_people").first(decoding: Count.self)?.n ?? 0
    }
}
