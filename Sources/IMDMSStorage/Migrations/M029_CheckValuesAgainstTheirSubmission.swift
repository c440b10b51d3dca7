import FluentKit
import SQLKit

/// PostgreSQL only (D85): each stored value (`observations`, `observation_rollups`) is checked
/// against its submission once — a foreign key on (submission, dataset) to the submission's own
/// pair — instead of twice, by a key to `submissions` and another to `datasets`. PostgreSQL checks
/// a foreign key with a query per row: COPY of 469,311 values took 9.3 s with the two, 6.0 s with
/// one. The dataset is still one that exists (the submission's key to `datasets`), and now a value
/// can no longer name a dataset other than its submission's. SQLite checks its keys in the
/// engine (0.1 s for 260,000 values) and changing them would rebuild its largest table: it keeps them.
struct M029_CheckValuesAgainstTheirSubmission: AsyncMigration {
    var name: String { "M029_CheckValuesAgainstTheirSubmission" }
    static let tables = ["observations", "observation_rollups"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER TABLE submissions ADD CONSTRAINT submissions_id_dataset UNIQUE (id, dataset_id)").run()
        for table in Self.tables {
            try await sql.raw("""
                ALTER TABLE \(ident: table) ADD CONSTRAINT \(ident: table + "_submission_dataset_fkey")
                FOREIGN KEY (submission_id, dataset_id) REFERENCES submissions (id, dataset_id)
                """).run()
            for column in ["submission_id", "dataset_id"] {
                for name in try await Self.singleColumnKeys(of: table, column: column, on: sql) {
                    try await sql.raw("ALTER TABLE \(ident: table) DROP CONSTRAINT \(ident: name)").run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else { return }
        for table in Self.tables {
            try await sql.raw("ALTER TABLE \(ident: table) ADD FOREIGN KEY (submission_id) REFERENCES submissions (id)").run()
            try await sql.raw("ALTER TABLE \(ident: table) ADD FOREIGN KEY (dataset_id) REFERENCES datasets (id)").run()
            try await sql.raw("ALTER TABLE \(ident: table) DROP CONSTRAINT \(ident: table + "_submission_dataset_fkey")").run()
        }
        try await sql.raw("ALTER TABLE submissions DROP CONSTRAINT submissions_id_dataset").run()
    }

    /// The names of the table's foreign keys on `column` alone (named by PostgreSQL when the table
    /// was made, so looked up rather than assumed).
    static func singleColumnKeys(of table: String, column: String, on sql: any SQLDatabase) async throws -> [String] {
        struct Row: Decodable { var conname: String }
        return try await sql.raw("""
            SELECT c.conname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.conrelid = \(bind: table)::regclass AND cardinality(c.conkey) = 1 AND a.attname = \(bind: column)
            """).all(decoding: Row.self).map(\.conname)
    }
}
