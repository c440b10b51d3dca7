import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

/// SDMX-CSV written by one instance and sent to a fresh one through the ordinary intake gives
/// the same observations: keys, periods, values, statuses.
@Suite("SDMX-CSV from one instance into another")
struct SDMXRoundTripTests {
    static func stored(_ store: Store, datasets: [String]) async throws -> Set<String> {
        var result: Set<String> = []
        for submission in try await SubmissionRepository(store: store).list() where submission.status != .superseded && datasets.contains(submission.datasetID) {
            for o in try await SubmissionRepository(store: store).observations(of: submission.id) {
                result.insert("\(submission.datasetID) \(o.seriesKey) \(o.period.formatted) \(o.value.map(NumberText.plain) ?? "-") \(o.status.rawValue) \(o.confidentiality.rawValue)")
            }
        }
        return result
    }

    @Test("Export with a data manager's token, import into a fresh instance: identical observations", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let datasets = ["TIP_VICTIMS", "REMITTANCES", "DIASPORA", "WORK_PERMITS"]
        var exported: [String: String] = [:]
        var original: Set<String> = []
        try await withIMDMSApp(backend, demoYears: 2023...2023) { app, _ in
            let token = try await APITokenRepository(store: app.imdms.store).create(name: "export", role: .dataManager, organisationID: "BOS", by: "test").secret
            for dataset in datasets {
                try await app.testing().test(.GET, "/sdmx/2.1/data/\(dataset)?format=csv", headers: ["Authorization": "Bearer \(token)"]) { response in
                    #expect(response.status == .ok)
                    exported[dataset] = response.body.string
                }
            }
            original = try await Self.stored(app.imdms.store, datasets: datasets)
        }
        #expect(original.count > 50, "demo data for the four datasets: \(original.count)")
        try await withIMDMSApp(backend) { app, _ in
            let intake = IntakeService(store: app.imdms.store, reference: app.imdms.reference)
            for dataset in datasets {
                let outcome = try await intake.importSDMXCSV(Data((exported[dataset] ?? "").utf8), fileName: "\(dataset).csv", datasetID: dataset, channel: .api)
                guard case .stored = outcome else { Issue.record("\(dataset): \(outcome)"); continue }
            }
            let imported = try await Self.stored(app.imdms.store, datasets: datasets)
            #expect(imported == original, "missing: \(original.subtracting(imported).prefix(5)); extra: \(imported.subtracting(original).prefix(5))")
        }
    }
}

@Suite("SDMX-CSV 2.0 intake")
struct SDMXCSV2IntakeTests {
    @Test("SDMX-CSV 2.0 written by the v2 API is taken back; STRUCTURE other than dataflow and ACTION=D are refused, named")
    func version2() async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            let intake = IntakeService(store: app.imdms.store, reference: app.imdms.reference)
            let good = """
                STRUCTURE,STRUCTURE_ID,ACTION,EXPLOITATION,SEX,AGE,CITIZENSHIP,EXPLOITATION_COUNTRY,TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS
                dataflow,LS_BOS:TIP_VICTIMS(1.0),I,SEXUAL,F,Y_GE18,LSO,ZAF,2022-Q4,12,A,F

                """
            guard case let .stored(submission) = try await intake.importSDMXCSV(Data(good.utf8), fileName: "v2.csv", datasetID: "TIP_VICTIMS", channel: .api) else {
                Issue.record("not stored"); return
            }
            #expect(submission.observationCount == 1)
            let bad = """
                STRUCTURE,STRUCTURE_ID,ACTION,EXPLOITATION,SEX,AGE,CITIZENSHIP,EXPLOITATION_COUNTRY,TIME_PERIOD,OBS_VALUE
                datastructure,LS_BOS:TIP_VICTIMS(1.0),D,SEXUAL,M,Y_GE18,LSO,ZAF,2023-Q1,3

                """
            let outcome = try await intake.importSDMXCSV(Data(bad.utf8), fileName: "bad.csv", datasetID: "TIP_VICTIMS", channel: .api)
            guard case let .rejected(problems) = outcome else { Issue.record("\(outcome)"); return }
            let text = problems.map(\.description).joined(separator: "\n")
            #expect(text.contains("STRUCTURE") && text.contains("datastructure") && text.contains("ACTION") && text.contains("deletions"), "\(text)")
        }
    }
}
