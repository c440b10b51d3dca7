import FluentKit
import FluentSQLiteDriver
import Foundation
import IMDMSCore
import SQLKit

/// The restricted movement store: adds pseudonymised crossings (an overlapping extract adds
/// nothing twice), streams them person by person in time order for the derivations, and answers
/// the microdata officer's queries, each of which is audited.
public struct MovementRepository: Sendable {
    /// A crossing's columns (its extract is the id range the extract took, D77/D80; its six
    /// attributes are one text, D86; the person is their number, D93).
    static let columns = ["person", "crossed_at", "border_post", "direction", "attributes"]
    static let uniqueColumns = ["person", "crossed_at", "border_post", "direction"]

    let store: Store

    public init(store: Store) { self.store = store }

    /// Stores one extract in one transaction — its record, the movements `produce` hands to the
    /// inserter piece by piece, an audit entry — and returns how many crossings were new and the
    /// extract's id. When `produce` throws, nothing is stored. The caller calls `store.checkpoint()`
    /// afterwards. `sha256` is asked for once every piece is stored (a file read from disk is hashed
    /// as it is read).
    public func add(fileName: String, sha256 hash: @escaping @Sendable () -> String, actor: String,
                    _ produce: @escaping @Sendable (Inserter) async throws -> Int) async throws -> (added: Int, extract: UUID) {
        // The log is copied to the file by the caller, beside the derivation (D84).
        try await store.writeTransaction(checkpointLater: true, largeCache: true) { tx in
            let sql = tx.sql
            // One extract stored at a time, so that its new crossings take one range of ids (D77; on
            // SQLite the write lock does the same).
            if store.isPostgres { try await sql.raw("SELECT pg_advisory_xact_lock(4711017)").run() }
            let batch = UUID()
            let before = try await Self.lastID(on: sql)
            try await sql.insert(into: "movement_batches").columns("id", "file_name", "sha256", "rows", "added", "created_at", "actor")
                .values(SQLBind(batch), SQLBind(fileName), SQLBind(""), SQLBind(0), SQLBind(0), SQLBind(Date()), SQLBind(actor)).run()
            let inserter = Inserter(database: tx, stored: before, persons: try await MovementPersons.start(on: sql))
            let rows = try await produce(inserter)
            let range = PendingExtract(id: batch, firstID: before + 1, lastID: try await Self.lastID(on: sql))
            // Counted as they were inserted, not read again (5M crossings: a scan of the whole extract).
            // The latest time is the pieces' own, a crossing stored before included: it is no later than
            // the latest of the extract that stored it, so the store's latest (the largest) is the same.
            let added = (n: inserter.tally.added, latest: inserter.tally.latest)
            let sha256 = hash()
            // On SQLite its people are opened now (D91); on PostgreSQL by the derivation.
            let openedAfter = store.isPostgres || added.n == 0 ? nil : try await MovementPeople(database: tx).openAsStored(range)
            try await sql.update("movement_batches").set("added", to: SQLBind(added.n)).set("rows", to: SQLBind(rows)).set("sha256", to: SQLBind(sha256))
                .set("first_id", to: SQLBind(range.firstID)).set("last_id", to: SQLBind(range.lastID)).set("latest", to: SQLBind(added.latest))
                .set("people_opened_after", to: SQLBind(openedAfter)).where("id", .equal, SQLBind(batch)).run()
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: "movements.import", subject: "file:\(sha256)",
                                             after: "\(fileName): \(rows) rows, \(added.n) new crossings")
            return (added.n, batch)
        }
    }

    /// The highest crossing id stored (0 in an empty store).
    static func lastID(on sql: any SQLDatabase) async throws -> Int {
        struct Last: Decodable { var last: Int? }
        return try await sql.raw("SELECT MAX(id) AS last FROM movements").first(decoding: Last.self)?.last ?? 0
    }

    /// A crossing read back with its person's number.
    typealias Crossing = (person: Int, movement: Movement)

    /// Crossings (`movements m`) with their people's pseudonyms (`movement_persons n`, D93).
    private static func selectCrossings(on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(SQLColumn("pseudonym", table: "n"), SQLColumn("person", table: "m"), SQLColumn("crossed_at", table: "m"),
                             SQLColumn("border_post", table: "m"), SQLColumn("direction", table: "m"), SQLColumn("attributes", table: "m"))
            .from(SQLAlias(SQLIdentifier("movements"), as: SQLIdentifier("m")))
            .join(SQLAlias(SQLIdentifier("movement_persons"), as: SQLIdentifier("n")), on: SQLColumn("id", table: "n"), .equal, SQLColumn("person", table: "m"))
    }

    /// The crossings `select` (`selectCrossings`) reads, by column (`QueryRow`).
    private static func crossings(_ select: SQLSelectBuilder, on database: any Database) async throws -> [Crossing] {
        try await QueryRow.read(select.query, on: database) { row in
            func text(_ name: String) throws -> String { try row.string(name) ?? "" }
            return (try row.int("person") ?? 0,
                    CrossingAttributes.movement(pseudonym: try text("pseudonym"), time: try text("crossed_at"), borderPost: try text("border_post"),
                                                direction: try text("direction"), attributes: try text("attributes")))
        }
    }

    /// Rows read at a time by `derive`: memory holds one page (and the derived cells), whatever
    /// the size of the store.
    static let pageSize = 100_000

    /// Runs the derivation over every person in (person, time) order, reading the store in pages
    /// keyed by the person's number: memory holds one page at a time, never the whole store.
    public func derive(_ derivation: MigrationDerivation) async throws -> MigrationDerivation {
        var derivation = derivation
        let repository = self
        // The next page is read (on the database's thread) while this one is derived.
        var next: Task<[Crossing], any Error>? = Task { try await repository.read(.greaterThan, 0, limit: Self.pageSize) }
        while let reading = next {
            var page = try await reading.value
            next = nil
            guard let last = page.last else { break }
            if page.count == Self.pageSize {
                // The page may end inside a person's crossings: leave that person for the next page,
                // or, when the whole page is one person, read all of theirs at once.
                if page.first!.person == last.person {
                    page = try await read(.equal, last.person, limit: nil)
                } else {
                    page.removeLast(page.reversed().prefix { $0.person == last.person }.count)
                }
                let after = page.last!.person
                next = Task { try await repository.read(.greaterThan, after, limit: Self.pageSize) }
            }
            var start = page.startIndex
            while start < page.endIndex {
                var end = start + 1
                while end < page.endIndex && page[end].person == page[start].person { end += 1 }
                derivation.add(person: page[start..<end].map(\.movement))
                start = end
            }
        }
        return derivation
    }

    /// Crossings whose person's number compares to `value` as `comparison` says, in (person, time)
    /// order, up to `limit`.
    private func read(_ comparison: SQLBinaryOperator, _ value: Int, limit: Int?) async throws -> [Crossing] {
        let select = Self.selectCrossings(on: store.sql).where(SQLColumn("person", table: "m"), comparison, SQLBind(value))
        for column in Self.uniqueColumns { select.orderBy(SQLColumn(column, table: "m")) }
        if let limit { select.limit(limit) }
        return try await Self.crossings(select, on: store.database)
    }

    /// Extracts whose new crossings are not yet in the derived statistics.
    public func pendingBatches() async throws -> [UUID] { try await Self.pendingBatches(on: store.sql).map(\.id) }

    static func pendingBatches(on sql: any SQLDatabase) async throws -> [PendingExtract] {
        struct Batch: Decodable { var id: UUID; var first_id: Int?; var last_id: Int?; var people_opened_after: String? }
        return try await sql.select().columns("id", "first_id", "last_id", "people_opened_after").from("movement_batches")
            .where("added", .greaterThan, SQLBind(0)).where("derived_at", .is, SQLLiteral.null)
            .all(decoding: Batch.self)
            // An extract stored before D77 has no range: M026 then had the derivation start again from the whole store.
            .map { PendingExtract(id: $0.id, firstID: $0.first_id ?? 1, lastID: $0.last_id ?? 0, peopleOpenedAfter: $0.people_opened_after) }
    }

    /// Marks extracts as derived, inside the transaction that stores their derived statistics.
    static func markDerived(_ batches: [UUID], at time: Date, on sql: any SQLDatabase) async throws {
        guard !batches.isEmpty else { return }
        try await sql.update("movement_batches").set("derived_at", to: SQLBind(time))
            .where("id", .in, SQLBind.group(batches)).run()
    }

    /// The latest crossing stored (the end of the data for the 12/16-month windows).
    public func latestTime() async throws -> String? { try await Self.latestTime(on: store.sql) }

    static func latestTime(on sql: any SQLDatabase) async throws -> String? {
        struct Latest: Decodable { var latest: String? }
        return try await sql.raw("SELECT MAX(latest) AS latest FROM movement_batches").first(decoding: Latest.self)?.latest
    }

    /// The crossings of one month or day (`period`) counted again (a held period's crossings and
    /// daily counts, D50).
    static func counted(in period: String, on database: any Database, homeCountry: String) async throws -> MigrationDerivation {
        var derivation = MigrationDerivation(homeCountry: homeCountry, dataEnd: Date())
        guard let parsed = try? Period(parsing: period) else { return derivation }
        let select = selectCrossings(on: database.sql).where(SQLColumn("crossed_at", table: "m"), .greaterThanOrEqual, SQLBind(parsed.startDate))
            .where(SQLColumn("crossed_at", table: "m"), .lessThanOrEqual, SQLBind(parsed.endDate + "T23:59"))
        derivation.count(all: try await crossings(select, on: database).map(\.movement))
        return derivation
    }

    public func count() async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("movements").first(decoding: Count.self)?.n ?? 0
    }

    /// The microdata officer's query: crossings in a time range, optionally of one pseudonym or
    /// post; refused for any other role; audited with what was asked.
    public func search(by user: User, from: String, to: String, pseudonym: String? = nil, borderPost: String? = nil, limit: Int = 1_000) async throws -> [Movement] {
        guard user.role == .microdataOfficer else {
            throw StorageError.notPermitted("only a microdata officer may query traveller-level records")
        }
        let select = Self.selectCrossings(on: store.sql).where(SQLColumn("crossed_at", table: "m"), .greaterThanOrEqual, SQLBind(from))
            .where(SQLColumn("crossed_at", table: "m"), .lessThanOrEqual, SQLBind(to))
        if let pseudonym { select.where(SQLColumn("pseudonym", table: "n"), .equal, SQLBind(pseudonym)) }
        if let borderPost { select.where(SQLColumn("border_post", table: "m"), .equal, SQLBind(borderPost)) }
        let rows = try await Self.crossings(select.orderBy(SQLColumn("crossed_at", table: "m")).limit(limit), on: store.database).map(\.movement)
        try await AuditRepository(store: store).append(
            actor: user.username, action: "movements.query", subject: "movements",
            after: "from \(from) to \(to)" + (pseudonym.map { ", pseudonym \($0)" } ?? "") + (borderPost.map { ", post \($0)" } ?? "") + ": \(rows.count) rows")
        return rows
    }
}
