import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

@Suite("Web workflow: review pages, home page of pending work, embargoed publication")
struct WorkflowWebTests {
    static func get(_ app: Application, _ path: String, _ session: SessionRepository.Session?, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        try await app.testing().test(.GET, path, headers: session.map { ["Cookie": IntakeWebTests.cookie($0)] } ?? [:], afterResponse: check)
    }

    @Test("Return with a comment, resubmit, approve, publish with a release time; who sees what", arguments: TestBackend.available)
    func reviewJourney(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            let producer = try await IntakeWebTests.session(app, "thabo", .producer, org: "MOHA")
            let manager = try await IntakeWebTests.session(app, "palesa", .dataManager, org: "BOS")
            let analyst = try await IntakeWebTests.session(app, "neo", .analyst, org: "BOS")
            let outcome = try await IntakeService(store: app.imdms.store, reference: app.imdms.reference).importSDMXCSV(
                Data(Fixtures.validBorderCSV.utf8), fileName: "nov-dec.csv", datasetID: "BORDER_CROSSINGS", channel: .web)
            guard case let .stored(submission) = outcome else { Issue.record("\(outcome)"); return }
            let path = "/submissions/\(submission.id.uuidString)"

            try await Self.get(app, "/", manager) { response in
                #expect(response.body.string.contains("id=\"attention\""))
                #expect(response.body.string.contains(path))
            }
            try await Self.get(app, path, manager) { response in
                #expect(response.body.string.contains("id=\"action-approve\""))
                #expect(response.body.string.contains("id=\"action-return\""))
            }
            try await Self.get(app, path, producer) { response in
                #expect(response.status == .ok)
                #expect(!response.body.string.contains("id=\"action-approve\""), "a producer does not approve")
            }
            try await IntakeWebTests.post(app, path + "/approve", producer, [:]) { #expect($0.status == .forbidden) }
            try await Self.get(app, "/submissions", analyst) { #expect($0.status == .forbidden) }
            let outsider = try await IntakeWebTests.session(app, "lerato", .producer, org: "MOLE")
            try await Self.get(app, path, outsider) { #expect($0.status == .notFound, "another organisation's submission") }
            try await app.testing().test(.POST, path + "/return", beforeRequest: { request in
                request.headers.replaceOrAdd(name: .cookie, value: IntakeWebTests.cookie(manager))
                try request.content.encode(["comment": "no token"], as: .urlEncodedForm)
            }) { #expect($0.status == .forbidden, "a workflow post without the CSRF token") }

            try await IntakeWebTests.post(app, path + "/return", manager, ["comment": "MPT departures look low"]) { #expect($0.status == .seeOther) }
            try await Self.get(app, "/", producer) { response in
                #expect(response.body.string.contains(path), "the returned submission is on the producer's home page")
            }
            try await Self.get(app, path, producer) { response in
                #expect(response.body.string.contains("MPT departures look low"))
                #expect(response.body.string.contains("id=\"action-resubmit\""))
            }
            try await IntakeWebTests.post(app, path + "/resubmit", producer, [:]) { #expect($0.status == .seeOther) }
            try await IntakeWebTests.post(app, path + "/approve", manager, [:]) { #expect($0.status == .seeOther) }
            try await IntakeWebTests.post(app, path + "/approve", manager, [:]) { response in
                #expect(response.status == .conflict, "approving twice")
                #expect(response.body.string.contains("is approved; only a submitted submission"))
            }
            try await IntakeWebTests.post(app, path + "/publish", manager, ["release": "2022-13-01 10:00"]) { response in
                #expect(response.status == .badRequest)
                #expect(response.body.string.contains("Release time ‘2022-13-01 10:00’ is not a date and time"))
            }
            try await IntakeWebTests.post(app, path + "/publish", manager, ["release": "2099-01-01 10:00"]) { #expect($0.status == .seeOther) }
            let stored = try await SubmissionRepository(store: app.imdms.store).find(submission.id)
            #expect(stored?.status == .published)
            #expect(stored?.releaseAt == ISO8601DateFormatter().date(from: "2099-01-01T08:00:00Z"), "typed in Africa/Maseru (UTC+2)")

            let table = "/datasets/BORDER_CROSSINGS?rows=BORDER_POST&cols=DIRECTION"
            try await Self.get(app, table, nil) { #expect(!$0.body.string.contains("<th scope=\"row\">Maseru Bridge</th>"), "the public sees nothing before the release") }
            try await Self.get(app, table, producer) { #expect(!$0.body.string.contains("<th scope=\"row\">Maseru Bridge</th>")) }
            try await Self.get(app, table, analyst) { #expect($0.body.string.contains("<th scope=\"row\">Maseru Bridge</th>"), "staff see embargoed data") }
            try await Self.get(app, "/api/datasets", nil) { response in
                let datasets = try JSONDecoder().decode([[String: JSONValue]].self, from: Data(response.body.string.utf8))
                #expect(datasets.first { $0["id"] == .string("BORDER_CROSSINGS") }?["observationCount"] == .number(0))
            }
        }
    }
}

/// Just enough JSON to compare a field or two.
enum JSONValue: Decodable, Equatable {
    case string(String), number(Double), bool(Bool), null, other
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else { self = .other }
    }
}
