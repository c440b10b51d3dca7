import FluentKit
import SQLKit

/// One source per statistic (D47): `observations.set_aside` marks the values of the source that is
/// not current for their period (every read skips them); `source_rules` says, per dataset and
/// range of periods, which source is current where both hold data.
struct M019_AddStatisticSources: AsyncMigration {
    var name: String { "M019_AddStatisticSources" }

    func prepare(on database: any Database) async throws {
        try await database.schema("observations").field("set_aside", .bool, .required, .sql(.default(false))).update()
        try await database.schema("source_rules")
            .field("id", .int64, .identifier(auto: true))
            .field("dataset_id", .string, .required, .references("datasets", "id"))
            .field("first_period", .string, .required)
            .field("last_period", .string)
            .field("source", .string, .required, .sql(.check(SQLRaw("source IN ('reported', 'records')"))))
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("source_rules").delete()
        try await database.schema("observations").deleteField("set_aside").update()
    }
}
