import FluentKit

/// Migration governance assessments: the frameworks (versioned, their definition as JSON), the
/// assessments (a framework and a year, the submission that carries their scores through the
/// workflow) and one answer per indicator with its evidence.
struct M014_CreateAssessments: AsyncMigration {
    var name: String { "M014_CreateAssessments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("assessment_frameworks")
            .field("id", .string, .identifier(auto: false))
            .field("code", .string, .required)
            .field("version", .string, .required)
            .field("title", .string, .required)
            .field("illustrative", .bool, .required)
            .field("definition", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "code", "version")
            .create()
        try await database.schema("assessments")
            .id()
            .field("framework_id", .string, .required, .references("assessment_frameworks", "id"))
            .field("year", .int, .required)
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("submission_id", .uuid, .references("submissions", "id"))
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "framework_id", "year")
            .create()
        try await database.schema("assessment_answers")
            .id()
            .field("assessment_id", .uuid, .required, .references("assessments", "id"))
            .field("indicator_code", .string, .required)
            .field("option_code", .string, .required)
            .field("evidence", .string, .required)
            .field("link", .string)
            .field("file_name", .string)
            .field("file_sha256", .string, .references("source_files", "sha256"))
            .field("answered_by", .string, .required)
            .field("answered_at", .datetime, .required)
            .unique(on: "assessment_id", "indicator_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("assessment_answers").delete()
        try await database.schema("assessments").delete()
        try await database.schema("assessment_frameworks").delete()
    }
}
