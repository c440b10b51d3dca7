import FluentKit
import IMDMSCore
import SQLKit

/// The person-dependent derived cells kept between derivations (`movement_cells`, D50): flows,
/// open outcomes per month and visits, summed over everyone. A few thousand rows, rewritten whole.
struct MovementCells {
    let database: any Database
    var sql: any SQLDatabase { database.sql }

    func all() async throws -> [MigrationDerivation.Cell] {
        let query = sql.select().columns("kind", "cell", "value").from("movement_cells").query
        return try await QueryRow.read(query, on: database) { row -> MigrationDerivation.Cell? in
            guard let kind = try row.string("kind").flatMap(MigrationDerivation.Cell.Kind.init(rawValue:)) else { return nil }
            return MigrationDerivation.Cell(kind: kind, key: try row.string("cell") ?? "", value: try row.int("value") ?? 0)
        }.compactMap { $0 }
    }

    /// Replaces the kept cells by `cells` (zeros are not kept).
    func replace(with cells: [MigrationDerivation.Cell]) async throws {
        try await sql.delete(from: "movement_cells").run()
        let rows = cells.filter { $0.value != 0 }.map { [BulkWriter.Value.text($0.kind.rawValue), .text($0.key), .integer($0.value)] }
        try await BulkWriter(database: database).insert(into: "movement_cells", columns: ["kind", "cell", "value"], rows: rows)
    }
}
