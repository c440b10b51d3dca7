import FluentKit
import SQLKit

/// Incremental derivation of the traveller statistics (D50):
/// - `movement_people`: per person, where the settled crossings end (`settled_until`, the status
///   after them; `resident` null = from the first record) and whether anything after it is still
///   open; the next derivation reads only what follows.
/// - `movement_cells`: the flows, open outcomes and visits summed over everyone, kept between
///   derivations so a derivation adds what changed.
/// - `movement_held_periods`: derived crossing periods whose revision waits for a locked period.
/// - `observation_revisions`: a derived value replaced by a revision — the history of provisional
///   estimates (the revision holds only the cells that changed, never a full copy).
/// - movements by extract, to find the people an extract adds to.
struct M021_AddIncrementalDerivation: AsyncMigration {
    var name: String { "M021_AddIncrementalDerivation" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE TABLE movement_people (pseudonym TEXT PRIMARY KEY, settled_until TEXT NOT NULL, resident BOOLEAN,
                                          open BOOLEAN NOT NULL)
            """).run()
        try await sql.raw("""
            CREATE TABLE movement_cells (kind TEXT NOT NULL CHECK (kind IN ('flow', 'provisional', 'visit')), cell TEXT NOT NULL,
                                         value BIGINT NOT NULL, PRIMARY KEY (kind, cell))
            """).run()
        try await sql.raw("""
            CREATE TABLE movement_held_periods (dataset_id TEXT NOT NULL REFERENCES datasets (id), period TEXT NOT NULL,
                                                PRIMARY KEY (dataset_id, period))
            """).run()
        var history = database.schema("observation_revisions")
            .field("id", .int64, .identifier(auto: true))
            .field("dataset_id", .string, .required, .references("datasets", "id"))
            .field("series_key", .string, .required)
        for position in 1...8 { history = history.field(.string("k\(position)"), .string) }
        try await history
            .field("period", .string, .required)
            .field("value", .double)
            .field("obs_status", .string, .required)
            .field("submission_id", .uuid, .required, .references("submissions", "id"))
            .field("revised_by", .uuid, .required, .references("submissions", "id"))
            .create()
        try await sql.create(index: "observation_revisions_by_period").on("observation_revisions").column("dataset_id").column("period").run()
        try await sql.create(index: "movements_by_batch").on("movements").column("batch_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("observation_revisions").delete()
        let sql = database as! any SQLDatabase
        for table in ["movement_held_periods", "movement_cells", "movement_people"] { try await sql.drop(table: table).run() }
        try await sql.drop(index: "movements_by_batch").run()
    }
}
