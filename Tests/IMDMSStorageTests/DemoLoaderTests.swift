import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import Testing

@Suite("Demo loading")
struct DemoLoaderTests {
    @Test("Loads synthetic submissions once, and refuses a folder with real data", arguments: TestBackend.available)
    func demo(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let loader = DemoLoader(store: store, reference: reference)
            guard case let .loaded(submissions, observations) = try await loader.load(years: 2022...2022) else {
                Issue.record("demo not loaded"); return
            }
            #expect(submissions == 10)
            #expect(try await SubmissionRepository(store: store).observationCount() == observations)
            #expect(try await SubmissionRepository(store: store).list().allSatisfy { $0.isSynthetic && $0.status == .published })
            #expect(try await loader.load(years: 2022...2022) == .alreadyLoaded)
            let table = try await TableReader(store: store).table(
                TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "BORDER_POST"), reference: reference, visibility: .allCurrent)
            #expect(table.rowCodes.first == "MSB")
        }
    }

    @Test("Never mixes demo data into a folder holding real submissions", arguments: TestBackend.available)
    func refusesRealData(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            _ = try await IntakeService(store: store, reference: reference)
                .importSDMXCSV(Data(Fixtures.validBorderCSV.utf8), fileName: "real.csv", datasetID: "BORDER_CROSSINGS", channel: .web)
            await #expect(throws: StorageError.self) { _ = try await DemoLoader(store: store, reference: reference).load(years: 2022...2022) }
            #expect(try await SubmissionStorageTests.count(store) == 1)
        }
    }
}

extension SubmissionStorageTests {
    static func count(_ store: Store) async throws -> Int { try await SubmissionRepository(store: store).list().count }
}
