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
    /// attributes are one text, D86).
    static let columns = ["pseudonym", "crossed_at", "border_post", "direction", "attributes"]
    static let uniqueColumns = ["pseudonym", "crossed_at", "border_post", "direction"]

    let store: Store

    public init(store: Store) { self.store = store }

    /// Adds movements to the extract being stored (inside `add`'s transaction) through
    /// `BulkWriter`, skipping crossings already stored.
    public struct Inserter: Sendable {
        let database: any Database
        /// The SQLite page cache while storing, in KiB: enough to hold the key of the crossings
        /// already stored (about 80 bytes each), between BulkWriter's usual cache and
        /// `BulkWriter.sqliteLargeCacheKiB`. An extract's crossings go to scattered places of that
        /// key (a person's new crossings beside their old ones); in 64 MB, a 2.5M-crossing store's
        /// key (190 MB) had pages read and written out again (storing a small extract: 0.65-0.77 s,
        /// 0.57-0.69 s in 256 MB). A first import keeps the usual cache: a larger one gained
        /// nothing there and raised its peak memory by 140 MB.
        let sqliteCacheKiB: Int

        /// `stored`: the highest crossing id, about how many crossings are stored.
        init(database: any Database, stored: Int) {
            self.database = database
            sqliteCacheKiB = min(BulkWriter.sqliteLargeCacheKiB, max(BulkWriter.sqliteCacheKiB, stored / 1_024 * 80))
        }

        /// The crossings inserted so far and the latest time among the pieces' crossings.
        final class Tally: @unchecked Sendable {  // used by one insertion at a time, in order
            var added = 0
            var latest: String?
        }
        let tally = Tally()

        /// A piece's crossings as the rows to store, in key order: the UNIQUE index is then written
        /// in runs instead of at random places. Made before the previous piece is stored, beside it.
        public struct Rows: Sendable {
            var values: [BulkWriter.Value]
            /// The latest crossing's time.
            var latest: String?
        }

        public static func rows(_ movements: [Movement]) -> Rows {
            // The positions are sorted, not the crossings: moving ten-field values cost as much as comparing them.
            var order = Array(movements.indices)
            movements.withUnsafeBufferPointer { m in
                order.sort { m[$0].pseudonym != m[$1].pseudonym ? m[$0].pseudonym < m[$1].pseudonym : m[$0].time < m[$1].time }
            }
            var values: [BulkWriter.Value] = []
            values.reserveCapacity(movements.count * MovementRepository.columns.count)
            var latest: String?
            for index in order {
                let m = movements[index]
                values.append(.text(m.pseudonym))
                values.append(.text(m.time))
                values.append(.text(m.borderPost))
                values.append(.text(m.direction.rawValue))
                values.append(.text(CrossingAttributes.text(of: m)))
                if latest.map({ m.time > $0 }) ?? true { latest = m.time }
            }
            return Rows(values: values, latest: latest)
        }

        public func insert(_ rows: Rows) async throws {
            let writer = BulkWriter(database: database, sqliteCacheKiB: sqliteCacheKiB)
            tally.added += try await writer.insert(into: "movements", columns: MovementRepository.columns, values: rows.values, ignoringConflicts: true)
            if let latest = rows.latest, tally.latest.map({ latest > $0 }) ?? true { tally.latest = latest }
        }
    }

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
            let inserter = Inserter(database: tx, stored: before)
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

    /// The crossings `select` (of `columns`) reads, by column (`QueryRow`).
    private static func movements(_ select: SQLSelectBuilder, on database: any Database) async throws -> [Movement] {
        try await QueryRow.read(select.query, on: database) { row in
            func text(_ name: String) throws -> String { try row.string(name) ?? "" }
            return CrossingAttributes.movement(pseudonym: try text("pseudonym"), time: try text("crossed_at"), borderPost: try text("border_post"),
                                               direction: try text("direction"), attributes: try text("attributes"))
        }
    }

    /// Rows read at a time by `derive`: memory holds one page (and the derived cells), whatever
    /// the size of the store.
    static let pageSize = 100_000

    /// Runs the derivation over every person in (person, time) order, reading the store in pages
    /// keyed by pseudonym: memory holds one page at a time, never the whole store.
    public func derive(_ derivation: MigrationDerivation) async throws -> MigrationDerivation {
        var derivation = derivation
        let repository = self
        // The next page is read (on the database's thread) while this one is derived.
        var next: Task<[Movement], any Error>? = Task { try await repository.movements(after: "", limit: Self.pageSize) }
        while let reading = next {
            var page = try await reading.value
            next = nil
            guard let last = page.last else { break }
            if page.count == Self.pageSize {
                // The page may end inside a person's crossings: leave that person for the next page,
                // or, when the whole page is one person, read all of theirs at once.
                if page.first!.pseudonym == last.pseudonym {
                    page = try await movements(of: last.pseudonym)
                } else {
                    page.removeLast(page.reversed().prefix { $0.pseudonym == last.pseudonym }.count)
                }
                let after = page.last!.pseudonym
                next = Task { try await repository.movements(after: after, limit: Self.pageSize) }
            }
            var start = page.startIndex
            while start < page.endIndex {
                var end = start + 1
                while end < page.endIndex && page[end].pseudonym == page[start].pseudonym { end += 1 }
                derivation.add(person: Array(page[start..<end]))
                start = end
            }
        }
        return derivation
    }

    /// Up to `limit` crossings of the people after `after`, in (person, time) order.
    private func movements(after: String, limit: Int) async throws -> [Movement] {
        try await read(.greaterThan, after, limit: limit)
    }

    /// All crossings of one person, in time order.
    private func movements(of pseudonym: String) async throws -> [Movement] {
        try await read(.equal, pseudonym, limit: nil)
    }

    /// Crossings whose pseudonym compares to `value` as `comparison` says, in (person, time)
    /// order, read by column (`QueryRow`).
    private func read(_ comparison: SQLBinaryOperator, _ value: String, limit: Int?) async throws -> [Movement] {
        let select = store.sql.select().columns(Self.columns.map { SQLColumn($0) }).from("movements")
            .where("pseudonym", comparison, SQLBind(value))
        for column in Self.uniqueColumns { select.orderBy(column) }
        if let limit { select.limit(limit) }
        return try await Self.movements(select, on: store.database)
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
        let select = database.sql.select().columns(columns.map { SQLColumn($0) }).from("movements")
            .where("crossed_at", .greaterThanOrEqual, SQLBind(parsed.startDate)).where("crossed_at", .lessThanOrEqual, SQLBind(parsed.endDate + "T23:59"))
        derivation.count(all: try await movements(select, on: database))
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
        let select = store.sql.select().columns(Self.columns.map { SQLColumn($0) }).from("movements")
            .where("crossed_at", .greaterThanOrEqual, SQLBind(from)).where("crossed_at", .lessThanOrEqual, SQLBind(to))
        if let pseudonym { select.where("pseudonym", .equal, SQLBind(pseudonym)) }
        if let borderPost { select.where("border_post", .equal, SQLBind(borderPost)) }
        let rows = try await Self.movements(select.orderBy("crossed_at").limit(limit), on: store.database)
        try await AuditRepository(store: store).append(
            actor: user.username, action: "movements.query", subject: "movements",
            after: "from \(from) to \(to)" + (pseudonym.map { ", pseudonym \($0)" } ?? "") + (borderPost.map { ", post \($0)" } ?? "") + ": \(rows.count) rows")
        return rows
    }
}
