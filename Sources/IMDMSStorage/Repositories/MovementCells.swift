import FluentKit
import IMDMSCore
import SQLKit

/// The person-dependent derived cells kept between derivations (`movement_cells`, D50): flows,
/// open outcomes per month and visits, summed over everyone. A few thousand rows, rewritten whole.
struct MovementCells {
    let database: any Database
    var sql: any SQLDatabase { database.sql }

    func all() async throws -> [MigrationDerivation.Cell] {
        struct Row: Decodable { var kind: String; var cell: String; var value: Int }
        return try await sql.select().columns("kind", "cell", "value").from("movement_cells").all(decoding: Row.self).compactMap { row in
            MigrationDerivation.Cell.Kind(rawValue: row.kind).map { MigrationDerivation.Cell(kind: $0, key: row.cell, value: row.value) }
        }
    }

    /// Replaces the kept cells by `cells` (zeros are not kept).
    func replace(with cells: [MigrationDerivation.Cell]) async throws {
        try await sql.delete(from: "movement_cells").run()
        let rows = cells.filter { $0.value != 0 }.map { [BulkWriter.Value.text($0.kind.rawValue), .text($0.key), .integer($0.value)] }
        try await BulkWriter(database: database).insert(into: "movement_cells", columns: ["kind", "cell", "value"], rows: rows)
    }
}
