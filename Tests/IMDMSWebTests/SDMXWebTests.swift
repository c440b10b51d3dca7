import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

/// The SDMX services through the application: scope (published and released only, disclosure
/// control) in every format of both APIs, the standard's error statuses, and the token scope.
@Suite("SDMX REST: scope in every format, errors")
struct SDMXWebTests {
    static let embargoed = """
        DATAFLOW,EXPLOITATION,SEX,AGE,CITIZENSHIP,EXPLOITATION_COUNTRY,TIME_PERIOD,OBS_VALUE
        TIP_VICTIMS,SEXUAL,F,Y_GE18,LSO,ZAF,2023-Q1,777

        """
    static let unpublished = """
        DATAFLOW,EXPLOITATION,SEX,AGE,CITIZENSHIP,EXPLOITATION_COUNTRY,TIME_PERIOD,OBS_VALUE
        TIP_VICTIMS,SEXUAL,F,Y_GE18,LSO,ZAF,2023-Q2,555

        """

    /// Trafficking victims of 2022-Q4 published (with a 1 among them), 2023-Q1 published under an
    /// embargo ending tomorrow (777), 2023-Q2 submitted only (555). Returns a data manager.
    static func publishFixture(_ app: Application) async throws -> SessionRepository.Session {
        let store = app.imdms.store
        let intake = IntakeService(store: store, reference: app.imdms.reference)
        let manager = try await IntakeWebTests.session(app, "palesa", .dataManager, org: "BOS")
        let workflow = WorkflowRepository(store: store)
        for (text, name, release) in [(DisclosureWebTests.victims, "q4.csv", nil), (embargoed, "q1.csv", Date().addingTimeInterval(86_400)),
                                      (unpublished, "q2.csv", Date.distantPast)] {
            guard case let .stored(submission) = try await intake.importSDMXCSV(Data(text.utf8), fileName: name, datasetID: "TIP_VICTIMS", channel: .web) else {
                Issue.record("\(name) was not stored"); continue
            }
            if release == .distantPast { continue }
            try await workflow.perform(.approve, on: submission.id, by: manager.user)
            try await workflow.perform(.publish, on: submission.id, by: manager.user, releaseAt: release)
        }
        return manager
    }

    /// Every (path, Accept) pair an anonymous reader might use to get all trafficking data.
    static let requests: [(String, String)] = [
        ("/sdmx/2.1/data/TIP_VICTIMS", "application/vnd.sdmx.genericdata+xml;version=2.1"),
        ("/sdmx/2.1/data/TIP_VICTIMS/all?dimensionAtObservation=AllDimensions", "application/vnd.sdmx.genericdata+xml;version=2.1"),
        ("/sdmx/2.1/data/LS_BOS,TIP_VICTIMS,1.0/all/all", "application/vnd.sdmx.structurespecificdata+xml;version=2.1"),
        ("/sdmx/2.1/data/TIP_VICTIMS/....", "application/vnd.sdmx.data+csv;version=1.0.0"),
        ("/sdmx/2.1/data/TIP_VICTIMS", "application/vnd.sdmx.data+json;version=1.0.0"),
        ("/sdmx/2.1/data/TIP_VICTIMS?dimensionAtObservation=AllDimensions", "application/vnd.sdmx.data+json;version=1.0.0"),
        ("/sdmx/v2/data/dataflow/LS_BOS/TIP_VICTIMS/1.0/*", "application/vnd.sdmx.data+csv;version=2.0.0"),
        ("/sdmx/v2/data/dataflow/LS_BOS/TIP_VICTIMS/~/*.*.*.*.*?c[SEX]=F,M", "application/vnd.sdmx.data+json;version=2.0.0"),
    ]

    /// The numbers a message carries as observation values, whatever its format.
    static func values(_ body: String, accept: String) throws -> [Double] {
        if accept.contains("csv") {
            let lines = body.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let column = try #require(lines.first?.firstIndex(of: "OBS_VALUE"))
            return lines.dropFirst().compactMap { Double($0[column]) }
        }
        if accept.contains("json") {
            let pattern = /":\[(-?[0-9.]+|null)(,[0-9]+)*\]/
            return body.matches(of: pattern).compactMap { Double($0.output.1) }
        }
        let pattern = /(?:OBS_VALUE|ObsValue value)="?=?"?([^"]+)"/
        return body.matches(of: pattern).compactMap { Double($0.output.1) }.filter { !$0.isNaN }
    }

    @Test("Anonymous callers never get embargoed, unpublished or small values, in any format of either API", arguments: TestBackend.available)
    func anonymousScope(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            let manager = try await Self.publishFixture(app)
            for (path, accept) in Self.requests {
                try await app.testing().test(.GET, path, headers: ["Accept": accept]) { response in
                    #expect(response.status == .ok, "\(path) \(accept): \(response.body.string.prefix(300))")
                    let body = response.body.string
                    let values = try Self.values(body, accept: accept)
                    #expect(values.count >= 2, "\(path) \(accept) has values: \(values)")
                    #expect(!values.contains(777) && !values.contains(555), "\(path) \(accept): embargoed or unpublished value")
                    #expect(!values.contains { $0 > 0 && $0 < 3 }, "\(path) \(accept): a small count")
                    #expect(!values.contains(12), "\(path) \(accept): SEXUAL F is the secondary partner of SEXUAL M")
                    #expect(!body.contains("2023-Q1") && !body.contains("2023-Q2"), "\(path) \(accept)")
                }
            }
            // Asking for the parts of a relation separately reveals nothing either.
            try await app.testing().test(.GET, "/sdmx/2.1/data/TIP_VICTIMS/SEXUAL.F.Y_GE18.LSO.ZAF?format=csv") { response in
                #expect(response.body.string.contains(",2022-Q4,,Q,C\r\n"), "\(response.body.string)")
            }
            // A data manager (session or token) sees the embargoed value and the small count, not the unsubmitted one.
            let token = try await APITokenRepository(store: app.imdms.store).create(name: "bos", role: .dataManager, organisationID: "BOS", by: "test").secret
            for headers: HTTPHeaders in [["Cookie": IntakeWebTests.cookie(manager)], ["Authorization": "Bearer \(token)"]] {
                try await app.testing().test(.GET, "/sdmx/2.1/data/TIP_VICTIMS?format=csv", headers: headers) { response in
                    let values = try Self.values(response.body.string, accept: "csv")
                    #expect(values.contains(777) && values.contains(1) && !values.contains(555), "\(values)")
                }
            }
            try await app.testing().test(.GET, "/sdmx/2.1/data/TIP_VICTIMS", headers: ["Authorization": "Bearer not-a-token"]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.body.string.contains("<mes:ErrorMessage code=\"110\">"))
            }
        }
    }

    @Test("Errors as the standard says: 404 no results, 406 unsupported format, 501 not implemented, 400 bad syntax", arguments: TestBackend.available)
    func errors(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            _ = try await Self.publishFixture(app)
            let cases: [(String, String?, UInt, String)] = [
                ("/sdmx/2.1/data/NO_SUCH_FLOW", nil, 404, "code=\"100\""),
                ("/sdmx/2.1/data/TIP_VICTIMS/SEXUAL.X...", nil, 404, "No data of TIP_VICTIMS matches"),
                ("/sdmx/2.1/data/TIP_VICTIMS?startPeriod=2030", nil, 404, "code=\"100\""),
                ("/sdmx/2.1/data/TIP_VICTIMS?updatedAfter=2099-01-01T00:00:00Z", nil, 404, "code=\"100\""),
                ("/sdmx/2.1/data/TIP_VICTIMS", "application/pdf", 406, "code=\"406\""),
                ("/sdmx/2.1/dataflow", "application/vnd.sdmx.structure+json;version=1.0.0", 406, "offered for structures"),
                ("/sdmx/2.1/categoryscheme", nil, 501, "code=\"501\""),
                ("/sdmx/2.1/data/TIP_VICTIMS?dimensionAtObservation=SEX", nil, 501, "only TIME_PERIOD and AllDimensions"),
                ("/sdmx/v2/data/provisionagreement/LS_BOS/X/1.0/*", nil, 501, "by dataflow only"),
                ("/sdmx/2.1/data/TIP_VICTIMS/A.B", nil, 400, "has 2 positions"),
                ("/sdmx/2.1/data/TIP_VICTIMS?startPeriod=soon", nil, 400, "startPeriod=soon"),
                ("/sdmx/2.1/dataflow/LS_BOS/TIP_VICTIMS?references=everything", nil, 400, "references=everything"),
                ("/sdmx/2.1/data/TIP_VICTIMS", "application/json", 200, "\"dataSets\""),
                ("/sdmx/2.1/data/TIP_VICTIMS?updatedAfter=2020-01-01T00:00:00Z", nil, 200, "2022-Q4"),
                ("/sdmx/2.1/data/TIP_VICTIMS?lastNObservations=1&detail=dataonly", nil, 200, "2022-Q4"),
            ]
            for (path, accept, status, fragment) in cases {
                var headers = HTTPHeaders()
                if let accept { headers.add(name: .accept, value: accept) }
                try await app.testing().test(.GET, path, headers: headers) { response in
                    #expect(response.status.code == status, "\(path) → \(response.status.code)")
                    #expect(response.body.string.contains(fragment), "\(path): \(response.body.string.prefix(400))")
                }
            }
            try await app.testing().test(.GET, "/sdmx/2.1/data/NO_SUCH_FLOW", headers: ["Accept": "application/vnd.sdmx.data+json;version=1.0.0"]) { response in
                #expect(response.status == .notFound && response.body.string.hasPrefix("{\"errors\":[{\"code\":100,"))
            }
        }
    }

    @Test("A query selecting more than the limit is refused before it is sent (413, SDMX 510)")
    func limit() async throws {
        try await withIMDMSApp(.sqlite) { app, reference in
            _ = try await Self.publishFixture(app)
            let structure = try #require(reference.structure("TIP_VICTIMS"))
            let query = try SDMXDataQuery(structure: structure, key: nil, parameters: [:])
            let error = await #expect(throws: SDMXError.self) {
                try await SDMXDataReader(store: app.imdms.store).observations(structure: structure, query: query, visibility: .approved, limit: 3)
            }
            #expect(error?.httpStatus == 413 && error?.code == 510 && error?.message.contains("more than 3 observations") == true)
            let all = try await SDMXDataReader(store: app.imdms.store).observations(structure: structure, query: query, visibility: .approved, limit: 7)
            #expect(all.count == 7, "six released and the embargoed one")
            // The upper bound that lets SQLite sort without a LIMIT (D72) is never below the count
            // (it counts stored rows of every state: above it, there is nothing to fear).
            let reader = SDMXDataReader(store: app.imdms.store)
            #expect(try await reader.mayExceed(structure, query: query, limit: 6))
            #expect(try await !reader.mayExceed(structure, query: query, limit: 1_000))
        }
    }

    @Test("Made whole from parts read and written at once (D66), or streamed part by part (D61), a message is the one made in one piece: every streamed format, flat or in series, lastN, disclosure control", arguments: TestBackend.available)
    func streamed(backend: TestBackend) async throws {
        let paths = Self.requests + [
            ("/sdmx/2.1/data/TIP_VICTIMS?lastNObservations=1", "application/vnd.sdmx.data+csv;version=1.0.0"),
            ("/sdmx/2.1/data/TIP_VICTIMS/SEXUAL+LABOUR....", "application/vnd.sdmx.structurespecificdata+xml;version=2.1"),
            ("/sdmx/2.1/data/TIP_VICTIMS?lastNObservations=1", "application/vnd.sdmx.data+json;version=1.0.0"),
        ]
        // The message id and time differ between two messages; nothing else may.
        func normalised(_ body: String) -> String {
            body.replacing(/IMDMS-[0-9A-F-]{36}/, with: "ID").replacing(/<mes:Prepared>[^<]*</, with: "<mes:Prepared>T<")
                .replacing(/"prepared":"[^"]*"/, with: "\"prepared\":\"T\"")
        }
        var whole: [String] = []
        var onePiece = AppSettings()
        onePiece.sdmxParts = 1
        try await withIMDMSApp(backend, settings: onePiece) { app, _ in
            _ = try await Self.publishFixture(app)
            for (path, accept) in paths {
                try await app.testing().test(.GET, path, headers: ["Accept": accept]) { whole.append(normalised($0.body.string)) }
            }
        }
        var inParts = AppSettings()
        inParts.sdmxParts = 3
        var streamed = AppSettings()
        streamed.sdmxStreamAbove = 0
        for (settings, isStreamed) in [(inParts, false), (streamed, true)] {
            try await withIMDMSApp(backend, settings: settings) { app, _ in
                _ = try await Self.publishFixture(app)
                // SDMX-JSON is never streamed (D61): made whole from parts, it is compared too.
                for ((path, accept), expected) in zip(paths, whole) where !(isStreamed && accept.contains("json")) {
                    try await app.testing().test(.GET, path, headers: ["Accept": accept]) { response in
                        #expect(response.status == .ok && response.headers.first(name: .contentType)?.hasPrefix("application/vnd.sdmx") == true)
                        #expect((response.headers.first(name: .contentLength) == nil) == isStreamed, "\(path): streamed \(isStreamed)")
                        #expect(normalised(response.body.string) == expected, "\(path), streamed \(isStreamed)")
                    }
                }
            }
        }
        #expect(whole.count == paths.count && whole.allSatisfy { $0.contains("2022-Q4") && !$0.contains("777") })
    }
}
