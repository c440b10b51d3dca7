import FluentKit
import SQLKit

/// Partial sums kept per submission (D53): `observation_rollups` holds a submission's values summed
/// over the dimensions a table does not need (`grouping`: the positions kept, "1,2"), per period and
/// set-aside mark; `observation_rollup_marks` says which submission has which grouping built (a
/// submission whose values all went has a mark and no rows). Both go with their submission's values:
/// written in the storing transaction, dropped when the submission is superseded or loses values.
struct M022_AddObservationRollups: AsyncMigration {
    var name: String { "M022_AddObservationRollups" }

    func prepare(on database: any Database) async throws {
        var rollups = database.schema("observation_rollups")
            .field("id", .int64, .identifier(auto: true))
            .field("submission_id", .uuid, .required, .references("submissions", "id"))
            .field("dataset_id", .string, .required, .references("datasets", "id"))
            .field("grouping", .string, .required)
            .field("period", .string, .required)
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("set_aside", .bool, .required)
        for position in 1...8 { rollups = rollups.field(.string("k\(position)"), .string) }
        try await rollups
            .field("value", .double)
            .field("n", .int64, .required, .sql(.check(SQLRaw("n > 0"))))
            .create()
        try await database.schema("observation_rollup_marks")
            .field("submission_id", .uuid, .required, .references("submissions", "id"))
            .field("grouping", .string, .required)
            .field("dataset_id", .string, .required, .references("datasets", "id"))
            .compositeIdentifier(over: "submission_id", "grouping")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "observation_rollups_read").on("observation_rollups")
            .column("dataset_id").column("grouping").column("period_start").run()
        try await sql.create(index: "observation_rollups_by_submission").on("observation_rollups").column("submission_id").run()
        try await sql.create(index: "observation_rollup_marks_by_dataset").on("observation_rollup_marks").column("dataset_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("observation_rollup_marks").delete()
        try await database.schema("observation_rollups").delete()
    }
}
