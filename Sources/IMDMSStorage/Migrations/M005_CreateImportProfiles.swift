import FluentKit

/// Import profiles saved per producer and dataset, reused for next month's file.
struct M005_CreateImportProfiles: AsyncMigration {
    var name: String { "M005_CreateImportProfiles" }

    func prepare(on database: any Database) async throws {
        try await database.schema("import_profiles")
            .id()
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("dataset_id", .string, .required, .references("datasets", "id"))
            .field("name", .string, .required)
            .field("profile_json", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "organisation_id", "dataset_id", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("import_profiles").delete()
    }
}
