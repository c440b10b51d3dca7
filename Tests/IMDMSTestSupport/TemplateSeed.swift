import IMDMSStorage

/// What a test database holds to begin with besides the migrations (the Lesotho reference, a
/// year of demo data), prepared once per test process in a template and copied for each test
/// (`TemplateDatabases`). Seeds are told apart by `name`: one name, one preparation.
public struct TemplateSeed: Sendable {
    public let name: String
    let prepare: @Sendable (Store) async throws -> Void

    public init(_ name: String, prepare: @escaping @Sendable (Store) async throws -> Void) {
        self.name = name
        self.prepare = prepare
    }
}
