import FluentKit
import SQLKit

/// Observations: one row per key and period of a submission. The key is held both whole
/// (`series_key`) and per dimension (`k1`…`k8`, in the structure's order) for GROUP BY. The UNIQUE
/// key starts with `submission_id`, so it also serves reads by submission.
struct M004_CreateObservations: AsyncMigration {
    var name: String { "M004_CreateObservations" }

    func prepare(on database: any Database) async throws {
        var schema = database.schema("observations")
            .field("id", .int64, .identifier(auto: true))
            .field("submission_id", .uuid, .required, .references("submissions", "id"))
            .field("dataset_id", .string, .required, .references("datasets", "id"))
            .field("series_key", .string, .required)
        for position in 1...8 {
            schema = schema.field(.string("k\(position)"), .string)
        }
        try await schema
            .field("period", .string, .required)
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("value", .double)
            .field("obs_status", .string, .required)
            .field("conf_status", .string, .required)
            .unique(on: "submission_id", "series_key", "period")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "observations_dataset_period")
            .on("observations").column("dataset_id").column("period_start").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("observations").delete()
    }
}
