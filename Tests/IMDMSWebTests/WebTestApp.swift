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
    try await backend.withStore(seed: .lesotho(demoYears: demoYears)) { store in
        let reference = try await ReferenceRepository(store: store).load()
        try await withApp(configure: { app in
            try configure(app, context: try AppContext(store: store, reference: reference, settings: settings))
        }) { app in
            try await body(app, reference)
        }
    }
}

extension TemplateSeed {
    /// The Lesotho reference, the shipped assessment tools and, optionally, years of demo data.
    static func lesotho(demoYears: ClosedRange<Int>?) -> TemplateSeed {
        TemplateSeed("lesotho" + (demoYears.map { ", demo \($0.lowerBound)–\($0.upperBound)" } ?? "")) { store in
            try await ReferenceRepository(store: store).seedIfEmpty(Fixtures.lesotho)
            try await AssessmentRepository(store: store).installShipped()
            guard let demoYears else { return }
            _ = try await DemoLoader(store: store, reference: try await ReferenceRepository(store: store).load()).load(years: demoYears)
        }
    }
}
