import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Logging
import VaporTesting

/// Runs `body` against an IMDMS app on a fresh database of the given kind, seeded with the
/// Lesotho reference and, optionally, a year of demo data.
func withIMDMSApp(
    _ backend: TestBackend, demoYears: ClosedRange<Int>? = nil, settings: AppSettings = AppSettings(), _ body: @escaping (Application, ReferenceConfiguration) async throws -> Void
) async throws {
    try await backend.withStore { store in
        try await ReferenceRepository(store: store).seedIfEmpty(Fixtures.lesotho)
        try await AssessmentRepository(store: store).installShipped()
        let reference = try await ReferenceRepository(store: store).load()
        if let demoYears { _ = try await DemoLoader(store: store, reference: reference).load(years: demoYears) }
        try await withApp(configure: { app in
            try configure(app, context: try AppContext(store: store, reference: reference, settings: settings))
        }) { app in
            try await body(app, reference)
        }
    }
}
