import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Logging
import Testing
import Vapor
import VaporTesting

/// Another country by configuration alone (D67): South Africa's small test folder, given as
/// `IMDMS_CONFIG`, starts an instance with its own agency, codelists and dataset, takes in data and
/// serves it — without any of Lesotho's datasets, reports or traveller records.
@Suite("A second country's instance")
struct CountryInstanceTests {
    static let arrivals = """
    DATAFLOW,RESIDENCE,TRAVELLER,SEX,TIME_PERIOD,OBS_VALUE
    ZA_STATSSA:ARRIVALS(1.0),LSO,VIS,F,2024-01,41250
    ZA_STATSSA:ARRIVALS(1.0),LSO,VIS,M,2024-01,38400
    ZA_STATSSA:ARRIVALS(1.0),SWZ,VIS,F,2024-01,12100
    ZA_STATSSA:ARRIVALS(1.0),ZWE,VIS,M,2024-01,50875

    """

    @Test("starts from its configuration folder, takes in its data and serves its pages and SDMX", arguments: TestBackend.available)
    func southAfrica(backend: TestBackend) async throws {
        let (location, remove) = try await backend.freshLocation()
        let folder = NSTemporaryDirectory() + "imdms-za-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var environment = ["IMDMS_CONFIG": try Fixtures.southAfricaFolder.path, "IMDMS_DATA_DIR": folder]
        if case let .postgres(url) = location { environment["IMDMS_DATABASE_URL"] = url }
        if case let .sqlite(path) = location { environment["IMDMS_DATA_DIR"] = (path as NSString).deletingLastPathComponent }
        let settings = try AppSettings.load(environment: environment)
        #expect(settings.configuration?.agencyID == "ZA_STATSSA")
        let prepared = try await IMDMSSetup.prepare(settings: settings, demo: false, logger: TestBackend.quietLogger)
        do {
            #expect(prepared.reference.countryName == "South Africa" && prepared.reference.structures.map(\.id).sorted() == ["ARRIVALS", "LSO_DEPARTURES"])
            let file = IncomingFile(name: "arrivals.csv", data: Data(Self.arrivals.utf8))
            guard case let .stored(submission, _) = try await IntakeService(store: prepared.store, reference: prepared.reference)
                .importFile(file, datasetID: "ARRIVALS", channel: .web)
            else { Issue.record("the arrivals file was not stored"); throw TestSetupError("not stored") }
            let admin = User(username: "thabo", displayName: "Thabo", role: .dataManager, organisationID: "STATSSA")
            for action in [WorkflowAction.approve, .publish] {
                try await WorkflowRepository(store: prepared.store).perform(action, on: submission.id, by: admin)
            }
            try await withApp(configure: { app in
                try configure(app, context: try AppContext(store: prepared.store, reference: prepared.reference, settings: settings))
            }) { app in
                for path in ["/", "/datasets/ARRIVALS", "/api/datasets", "/reports", "/releases", "/developers", "/sdmx/2.1/dataflow/all/all/latest"] {
                    try await app.testing().test(.GET, path) { response in
                        #expect(response.status == .ok, "\(path): \(response.status)")
                        #expect(!response.body.string.contains("BORDER_CROSSINGS"), "\(path) shows none of Lesotho's datasets")
                    }
                }
                try await app.testing().test(.GET, "/") { response in #expect(response.body.string.contains("South Africa")) }
                try await app.testing().test(.GET, "/api/datasets/ARRIVALS/table?rows=RESIDENCE") { response in
                    let table = try JSONDecoder().decode(TableResult.self, from: Data(response.body.readableBytesView))
                    #expect(table.grandTotal == 142_625)
                }
                try await app.testing().test(.GET, "/sdmx/2.1/data/ARRIVALS/all?format=csv") { response in
                    #expect(response.body.string.contains("ZA_STATSSA:ARRIVALS(1.0),LSO,VIS,F,2024-01,41250"), "\(response.body.string.prefix(300))")
                }
            }
        } catch {
            await prepared.store.close()
            try await remove()
            throw error
        }
        await prepared.store.close()
        try await remove()
    }
}
