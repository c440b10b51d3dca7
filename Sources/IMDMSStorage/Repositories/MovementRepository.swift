import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// The restricted movement store: adds pseudonymised crossings (an overlapping extract adds
/// nothing twice), streams them person by person in time order for the derivations, and answers
/// the microdata officer's queries, each of which is audited.
public struct MovementRepository: Sendable {
    static let columns = ["pseudonym", "crossed_at", "border_post", "direction", "sex", "age", "birth_year",
                          "nationality", "residence", "purpose", "batch_id"]
    /// 11 binds a row: far below SQLite's and PostgreSQL's bind limits.
    static let rowsPerStatement = 1_000

    let store: Store

    public init(store: Store) { self.store = store }

    /// Adds movements to the extract being stored (inside `add`'s transaction).
    public struct Inserter: Sendable {
        let sql: any SQLDatabase
        let batch: UUID

        public func insert(_ movements: [Movement]) async throws {
            var start = 0
            while start < movements.count {
                let end = min(start + MovementRepository.rowsPerStatement, movements.count)
                let builder = sql.insert(into: "movements").columns(MovementRepository.columns)
                    .ignoringConflicts(with: ["pseudonym", "crossed_at", "border_post", "direction"])
                for m in movements[start..<end] {
                    builder.values(SQLBind(m.pseudonym), SQLBind(m.time), SQLBind(m.borderPost), SQLBind(m.direction.rawValue), SQLBind(m.sex),
                                   SQLBind(m.age), SQLBind(m.birthYear), SQLBind(m.nationality), SQLBind(m.residence), SQLBind(m.purpose), SQLBind(batch))
                }
                try await builder.run()
                start = end
            }
        }
    }

    /// Stores one extract in one transaction — its record, the movements `produce` hands to the
    /// inserter piece by piece, an audit entry — and returns how many crossings were new. When
    /// `produce` throws, nothing is stored.
    public func add(fileName: String, sha256: String, actor: String, _ produce: @escaping @Sendable (Inserter) async throws -> Int) async throws -> Int {
        try await store.database.transaction { tx in
            let sql = tx as! any SQLDatabase
            let batch = UUID()
            try await sql.insert(into: "movement_batches").columns("id", "file_name", "sha256", "rows", "added", "created_at", "actor")
                .values(SQLBind(batch), SQLBind(fileName), SQLBind(sha256), SQLBind(0), SQLBind(0), SQLBind(Date()), SQLBind(actor)).run()
            let rows = try await produce(Inserter(sql: sql, batch: batch))
            struct Count: Decodable { var n: Int }
            let added = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("movements")
                .where("batch_id", .equal, SQLBind(batch)).first(decoding: Count.self)?.n ?? 0
            try await sql.update("movement_batches").set("added", to: SQLBind(added)).set("rows", to: SQLBind(rows))
                .where("id", .equal, SQLBind(batch)).run()
            try await AuditRepository.append(on: tx, actor: actor, action: "movements.import", subject: "file:\(sha256)",
                                             after: "\(fileName): \(rows) rows, \(added) new crossings")
            return added
        }
    }

    private struct Row: Decodable {
        var pseudonym: String, crossed_at: String, border_post: String, direction: String, sex: String
        var age: Int?, birth_year: Int?, nationality: String, residence: String, purpose: String
        var movement: Movement {
            Movement(pseudonym: pseudonym, time: crossed_at, borderPost: border_post, direction: Movement.Direction(rawValue: direction) ?? .arrival,
                     sex: sex, age: age, birthYear: birth_year, nationality: nationality, residence: residence, purpose: purpose)
        }
    }

    private final class PersonStream: @unchecked Sendable {
        let lock = NSLock()
        var current: [Movement] = []
        var derivation: MigrationDerivation
        var failure: (any Error)?
        init(_ derivation: MigrationDerivation) { self.derivation = derivation }

        /// The last person, once every row has arrived.
        func finish() throws -> MigrationDerivation {
            try lock.withLock {
                if let failure { throw failure }
                derivation.add(person: current)
                return derivation
            }
        }
    }

    /// Runs the derivation over every person, streaming rows in (person, time) order: memory
    /// holds one person's crossings at a time.
    public func derive(_ derivation: MigrationDerivation) async throws -> MigrationDerivation {
        let stream = PersonStream(derivation)
        try await store.sql.select().columns(Self.columns.dropLast().map { SQLColumn($0) })
            .from("movements").orderBy("pseudonym").orderBy("crossed_at")
            .run(decoding: Row.self) { result in
                stream.lock.lock(); defer { stream.lock.unlock() }
                switch result {
                case let .success(row):
                    let movement = row.movement
                    if let last = stream.current.last, last.pseudonym != movement.pseudonym {
                        stream.derivation.add(person: stream.current)
                        stream.current.removeAll(keepingCapacity: true)
                    }
                    stream.current.append(movement)
                case let .failure(error):
                    stream.failure = error
                }
            }
        return try stream.finish()
    }

    /// The latest crossing stored (the end of the data for the 12/16-month windows).
    public func latestTime() async throws -> String? {
        struct Latest: Decodable { var latest: String? }
        return try await store.sql.select().column(SQLFunction("MAX", args: SQLColumn("crossed_at")), as: "latest").from("movements")
            .first(decoding: Latest.self)?.latest
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
        let select = store.sql.select().columns(Self.columns.dropLast().map { SQLColumn($0) }).from("movements")
            .where("crossed_at", .greaterThanOrEqual, SQLBind(from)).where("crossed_at", .lessThanOrEqual, SQLBind(to))
        if let pseudonym { select.where("pseudonym", .equal, SQLBind(pseudonym)) }
        if let borderPost { select.where("border_post", .equal, SQLBind(borderPost)) }
        let rows = try await select.orderBy("crossed_at").limit(limit).all(decoding: Row.self)
        try await AuditRepository(store: store).append(
            actor: user.username, action: "movements.query", subject: "movements",
            after: "from \(from) to \(to)" + (pseudonym.map { ", pseudonym \($0)" } ?? "") + (borderPost.map { ", post \($0)" } ?? "") + ": \(rows.count) rows")
        return rows.map(\.movement)
    }
}
