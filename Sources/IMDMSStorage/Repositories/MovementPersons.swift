import FluentKit
import Foundation
import SQLKit

/// The number each person has in the movement store (`movement_persons`, D93): the crossings,
/// checkpoints and kept crossings name a person by it, and the pseudonym is stored once, here.
/// Numbers are given while an extract is stored — one extract at a time (SQLite's write lock,
/// PostgreSQL's extract lock) — in the order people first appear. Used by one insertion at a time,
/// in order; remembers the extract's people (not the store's) so that each is looked up once.
final class MovementPersons: @unchecked Sendable {
    private var known: [String: Int] = [:]
    private var next: Int
    /// Whether the store held anyone before this extract: if not, there is nothing to look up.
    private let lookUp: Bool

    private init(last: Int) {
        next = last + 1
        lookUp = last > 0
    }

    /// Pseudonyms looked up in one statement.
    static let lookUpBatch = 5_000

    /// Numbering for the extract being stored in the transaction of `sql`.
    static func start(on sql: any SQLDatabase) async throws -> MovementPersons {
        struct Last: Decodable { var last: Int? }
        return MovementPersons(last: try await sql.raw("SELECT MAX(id) AS last FROM movement_persons").first(decoding: Last.self)?.last ?? 0)
    }

    /// The numbers of `pseudonyms` (each once), in their order: those stored before looked up, the
    /// others numbered and stored.
    func numbers(of pseudonyms: [String], on database: any Database) async throws -> [Int] {
        var unknown = pseudonyms.filter { known[$0] == nil }
        if lookUp && !unknown.isEmpty {
            for start in stride(from: 0, to: unknown.count, by: Self.lookUpBatch) {
                let batch = unknown[start..<min(unknown.count, start + Self.lookUpBatch)]
                let select = database.sql.select().columns("id", "pseudonym").from("movement_persons")
                    .where("pseudonym", .in, SQLBind.group(Array(batch)))
                for (id, pseudonym) in try await QueryRow.read(select.query, on: database, { (try $0.int("id") ?? 0, try $0.string("pseudonym") ?? "") }) {
                    known[pseudonym] = id
                }
            }
            unknown.removeAll { known[$0] != nil }
        }
        if !unknown.isEmpty {
            var values: [BulkWriter.Value] = []
            values.reserveCapacity(unknown.count * 2)
            for pseudonym in unknown {
                known[pseudonym] = next
                values.append(.integer(next))
                values.append(.text(pseudonym))
                next += 1
            }
            try await BulkWriter(database: database).insert(into: "movement_persons", columns: ["id", "pseudonym"], values: values)
        }
        return pseudonyms.map { known[$0]! }
    }
}
