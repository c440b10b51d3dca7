import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Rows read by column name straight from the drivers, without `Codable`: SQLiteNIO's rows on
/// SQLite, column-by-column decoding on PostgreSQL. Decoding rows into a `Decodable` struct
/// through SQLKit cost 10-17 µs a row on SQLite, ten times the query (a derived dataset's 4,717
/// stored values: 50-80 ms against 4 ms); reading the SDMX data path and protected cubes the same
/// way gave about 110k rows/s.
struct QueryRow {
    private enum Source {
        case sqlite(SQLiteRow)
        case other(any SQLRow)
    }
    private let source: Source

    /// A column's text; nil when NULL.
    func string(_ column: String) throws -> String? { try value(column) { $0.string } }

    /// A column's whole number; nil when NULL.
    func int(_ column: String) throws -> Int? { try value(column) { $0.integer } }

    /// A column's number; nil when NULL.
    func double(_ column: String) throws -> Double? { try value(column) { $0.double } }

    /// A column's truth value (SQLite keeps it as 0 or 1); nil when NULL.
    func bool(_ column: String) throws -> Bool? { try value(column) { $0.integer.map { $0 != 0 } } }

    /// A column's UUID (SQLite keeps it as text); nil when NULL or, on SQLite, not one.
    func uuid(_ column: String) throws -> UUID? { try value(column) { $0.string.flatMap(UUID.init(uuidString:)) } }

    /// A column's value: on SQLite taken from the row's data by `sqlite`, elsewhere decoded.
    private func value<T: Decodable>(_ column: String, _ sqlite: (SQLiteData) -> T?) throws -> T? {
        switch source {
        case let .sqlite(row):
            guard let data = row.column(column), !data.isNull else { return nil }
            return sqlite(data)
        case let .other(row): return try row.decode(column: column, as: T?.self)
        }
    }

    /// The rows `query` returns on `database`, each made into a `T` by `make`.
    static func read<T>(_ query: any SQLExpression, on database: any Database, _ make: (QueryRow) throws -> T) async throws -> [T] {
        if let sqlite = database as? any SQLiteDatabase { return try await read(query, serializer: database.sql, on: sqlite, make) }
        let collected = CollectedRows()
        try await database.sql.execute(sql: query) { collected.rows.append($0) }
        return try collected.rows.map { try make(QueryRow(source: .other($0))) }
    }

    /// The rows `query` returns on an SQLite connection of the caller's own (outside the pool).
    static func read<T>(_ query: any SQLExpression, on connection: SQLiteConnection, _ make: (QueryRow) throws -> T) async throws -> [T] {
        try await read(query, serializer: connection.sql(), on: connection, make)
    }

    private static func read<T>(_ query: any SQLExpression, serializer: any SQLDatabase, on sqlite: any SQLiteDatabase,
                                _ make: (QueryRow) throws -> T) async throws -> [T] {
        let (text, binds) = serializer.serialize(query)
        let encoder = SQLiteDataEncoder()
        let rows = try await sqlite.query(text, try binds.map { try encoder.encode($0) })
        return try rows.map { try make(QueryRow(source: .sqlite($0))) }
    }
}

/// The rows of one query as its connection hands them over, in order.
private final class CollectedRows: @unchecked Sendable {  // filled by one connection, then read
    var rows: [any SQLRow] = []
}
