import FluentKit

/// Installation settings (agency, country), organisations, codelists with their codes and aliases, datasets and their dimensions.
struct M001_CreateReferenceTables: AsyncMigration {
    var name: String { "M001_CreateReferenceTables" }

    func prepare(on database: any Database) async throws {
        try await database.schema("settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
        try await database.schema("organisations")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .create()
        try await database.schema("codelists")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .create()
        try await database.schema("codes")
            .field("id", .int64, .identifier(auto: true))
            .field("codelist_id", .string, .required, .references("codelists", "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("parent_code", .string)
            .field("position", .int, .required)
            .field("members", .string)
            .unique(on: "codelist_id", "code")
            .create()
        try await database.schema("code_aliases")
            .field("id", .int64, .identifier(auto: true))
            .field("codelist_id", .string, .required, .references("codelists", "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("alias", .string, .required)
            .field("organisation_id", .string, .references("organisations", "id"))
            .create()
        try await database.schema("datasets")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("version", .string, .required)
            .field("frequency", .string, .required)
            .field("measure_id", .string, .required)
            .field("measure_name", .string, .required)
            .field("unit", .string, .required)
            .field("measure_kind", .string, .required)
            .field("is_count", .bool, .required)
            .field("disclosure_threshold", .int, .required)
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("description", .string, .required)
            .field("source", .string, .required)
            .field("contact", .string, .required)
            .field("methodology", .string, .required)
            .create()
        try await database.schema("dataset_dimensions")
            .field("id", .int64, .identifier(auto: true))
            .field("dataset_id", .string, .required, .references("datasets", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("dimension_id", .string, .required)
            .field("name", .string, .required)
            .field("codelist_id", .string, .required, .references("codelists", "id"))
            .unique(on: "dataset_id", "position")
            .unique(on: "dataset_id", "dimension_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["dataset_dimensions", "datasets", "code_aliases", "codes", "codelists", "organisations", "settings"] {
            try await database.schema(table).delete()
        }
    }
}
