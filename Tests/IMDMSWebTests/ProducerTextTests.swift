import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

/// Everything a producer types or sends reaches a page as text, never as markup: a file's name,
/// a value in the file, a name confirmed as an alias, a reviewer's comment, an assessment's
/// evidence — each a `<script>` pushed through every page that shows it.
@Suite("A producer's text on pages: escaped everywhere")
struct ProducerTextTests {
    static func hostile(_ n: Int) -> String { "<script>alert(\(n))</script>" }

    /// No markup from the text; where the page shows it, shown escaped.
    static func expectSafe(_ page: String, shows shown: [Int] = [], _ place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!page.contains("<script>alert"), "\(place) carries the markup", sourceLocation: sourceLocation)
        for n in shown {
            #expect(page.contains("&lt;script&gt;alert(\(n))&lt;/script&gt;"), "\(place) does not show text \(n) escaped", sourceLocation: sourceLocation)
        }
    }

    static func page(_ app: Application, _ path: String, _ session: SessionRepository.Session) async throws -> String {
        var body = ""
        try await WorkflowWebTests.get(app, path, session) { response in
            #expect(response.status == .ok, "\(path) → \(response.status)")
            body = response.body.string
        }
        return body
    }

    @Test("File names, values in a file, aliases, comments and evidence", arguments: TestBackend.available)
    func everyPath(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            let producer = try await IntakeWebTests.session(app, "thabo", .producer, org: "MOHA")
            let manager = try await IntakeWebTests.session(app, "palesa", .dataManager, org: "BOS")
            let admin = try await IntakeWebTests.session(app, "root", .administrator, org: "BOS")

            // 1. A file's name, and 2. a name confirmed as an alias.
            let data = try Data(contentsOf: try MiniXLSX.sample("moha-border-crossings-2022-11-12.xlsx"))
            let (type, body) = IntakeWebTests.multipart(["csrf": producer.csrfToken, "dataset": "BORDER_CROSSINGS"],
                                                        file: ("crossings\(Self.hostile(1)).xlsx", data))
            var upload = ""
            try await app.testing().test(.POST, "/intake", headers: ["Cookie": IntakeWebTests.cookie(producer), "Content-Type": type], body: body) { response in
                #expect(response.status == .seeOther, "\(response.body.string.prefix(300))")
                upload = response.headers.first(name: .location) ?? ""
            }
            Self.expectSafe(try await Self.page(app, upload, producer), shows: [1], "the upload page")
            try await IntakeWebTests.post(app, upload + "/alias", producer, ["codelist": "CL_BORDER_POST", "text": Self.hostile(2), "code": "MPT"]) { _ in }
            try await IntakeWebTests.post(app, upload + "/alias", producer, ["codelist": "CL_BORDER_POST", "text": "Ficksburg Bridge (Maputsoe)", "code": "MPT"]) {
                #expect($0.status == .seeOther)
            }
            Self.expectSafe(try await Self.page(app, upload, producer), shows: [1], "the upload page after the aliases")
            Self.expectSafe(try await Self.page(app, "/intake", producer), "the intake page")
            try await IntakeWebTests.post(app, upload + "/submit", producer, [:]) { response in
                #expect(response.status == .ok)
                Self.expectSafe(response.body.string, "the stored page")
            }

            // 3. A value in a file: an unknown code is named in the problems.
            let csv = "DATAFLOW,BORDER_POST,DIRECTION,CITIZENSHIP,SEX,AGE,PURPOSE,TIME_PERIOD,OBS_VALUE\r\n"
                + "LS_BOS:BORDER_CROSSINGS(1.0),\(Self.hostile(3)),ARR,LSO,F,Y0T14,VISIT,2023-01,4\r\n"
            let (csvType, csvBody) = IntakeWebTests.multipart(["csrf": producer.csrfToken, "dataset": "BORDER_CROSSINGS"], file: ("values.csv", Data(csv.utf8)))
            var rejected = ""
            try await app.testing().test(.POST, "/intake", headers: ["Cookie": IntakeWebTests.cookie(producer), "Content-Type": csvType], body: csvBody) { response in
                rejected = response.headers.first(name: .location) ?? ""
                if rejected.isEmpty { Self.expectSafe(response.body.string, shows: [3], "the refused upload") }
            }
            if !rejected.isEmpty { Self.expectSafe(try await Self.page(app, rejected, producer), shows: [3], "the upload with an unknown code") }

            // 4. A reviewer's comment, on every page the submission appears on.
            let submission = try #require(try await SubmissionRepository(store: app.imdms.store).list().first)
            let path = "/submissions/\(submission.id.uuidString)"
            try await IntakeWebTests.post(app, path + "/return", manager, ["comment": Self.hostile(4)]) { #expect($0.status == .seeOther) }
            Self.expectSafe(try await Self.page(app, path, producer), shows: [1, 4], "the submission, to its producer")
            Self.expectSafe(try await Self.page(app, path, manager), shows: [1, 4], "the submission, to the data manager")
            Self.expectSafe(try await Self.page(app, "/submissions", manager), "the submissions list")
            Self.expectSafe(try await Self.page(app, "/", producer), "the producer's home page")
            Self.expectSafe(try await Self.page(app, "/", manager), "the data manager's home page")
            Self.expectSafe(try await Self.page(app, "/audit", admin), "the audit trail")

            // 5. Evidence in a governance assessment.
            let ncc = try await IntakeWebTests.session(app, "lineo", .producer, org: "NCC")
            let assessment = try await GovernanceWebTests.create(app, ncc, year: 2018)
            let fields: [(String, String)] = [("csrf", ncc.csrfToken), ("answer[MGI-2.1.2]", "yes"), ("evidence[MGI-2.1.2]", Self.hostile(5)),
                                              ("link[MGI-2.1.2]", "")]
            let (govType, govBody) = GovernanceWebTests.multipart(fields, files: [])
            try await app.testing().test(.POST, "/governance/assessments/\(assessment)",
                                         headers: ["Cookie": IntakeWebTests.cookie(ncc), "Content-Type": govType], body: govBody) { response in
                #expect(response.status == .seeOther, "\(response.body.string.prefix(300))")
            }
            Self.expectSafe(try await Self.page(app, "/governance/assessments/\(assessment)", ncc), shows: [5], "the assessment")
            Self.expectSafe(try await Self.page(app, "/governance", ncc), "the governance page")
        }
    }
}
