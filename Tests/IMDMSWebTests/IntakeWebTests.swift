import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

@Suite("Web intake: upload, preview, confirm a name, submit")
struct IntakeWebTests {
    /// Creates a user and a session; returns the session (its token is the cookie).
    static func session(_ app: Application, _ username: String, _ role: Role, org: String?) async throws -> SessionRepository.Session {
        let user = User(username: username, displayName: username, role: role, organisationID: org)
        try await UserRepository(store: app.imdms.store).create(user, passwordHash: "not-used-here")
        return try await SessionRepository(store: app.imdms.store).create(for: user)
    }

    static func cookie(_ session: SessionRepository.Session) -> String { "\(AuthCookieNames.session)=\(session.token)" }

    static func multipart(_ fields: [String: String], file: (name: String, data: Data)) -> (String, ByteBuffer) {
        let boundary = "imdms-test-boundary"
        var body = Data()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(file.data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(data: body))
    }

    static func upload(_ app: Application, _ session: SessionRepository.Session, dataset: String, sample: String, csrf: String? = nil,
                       _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        let data = try Data(contentsOf: try MiniXLSX.sample(sample))
        let (type, body) = multipart(["csrf": csrf ?? session.csrfToken, "dataset": dataset], file: (sample, data))
        try await app.testing().test(.POST, "/intake", headers: ["Cookie": cookie(session), "Content-Type": type], body: body, afterResponse: check)
    }

    static func post(_ app: Application, _ path: String, _ session: SessionRepository.Session, _ form: [String: String],
                     _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        try await app.testing().test(.POST, path, beforeRequest: { request in
            request.headers.replaceOrAdd(name: .cookie, value: cookie(session))
            try request.content.encode(form.merging(["csrf": session.csrfToken]) { a, _ in a }, as: .urlEncodedForm)
        }, afterResponse: check)
    }

    @Test("A producer uploads the Home Affairs workbook, confirms the unknown port and submits", arguments: TestBackend.available)
    func journey(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            let producer = try await Self.session(app, "thabo", .producer, org: "MOHA")
            try await app.testing().test(.GET, "/intake", headers: ["Cookie": Self.cookie(producer)]) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("value=\"BORDER_CROSSINGS\""))
                #expect(!response.body.string.contains("value=\"LABOUR_MIGRATION\""), "only the producer's own datasets")
            }
            var location = ""
            try await Self.upload(app, producer, dataset: "BORDER_CROSSINGS", sample: "moha-border-crossings-2022-11-12.xlsx") { response in
                #expect(response.status == .seeOther)
                location = response.headers.first(name: .location) ?? ""
            }
            #expect(location.hasPrefix("/intake/uploads/"))
            try await app.testing().test(.GET, location, headers: ["Cookie": Self.cookie(producer)]) { response in
                let body = response.body.string
                #expect(body.contains("Names to confirm"))
                #expect(body.contains("Ficksburg Bridge (Maputsoe)"))
                #expect(body.contains("<option value=\"MPT\" selected>"), "the best suggestion is preselected")
                #expect(body.contains("id=\"grid\""))
                #expect(!body.contains("id=\"submit\""))
            }
            try await Self.post(app, location + "/alias", producer, ["codelist": "CL_BORDER_POST", "text": "Ficksburg Bridge (Maputsoe)", "code": "MPT"]) {
                #expect($0.status == .seeOther)
            }
            try await app.testing().test(.GET, location, headers: ["Cookie": Self.cookie(producer)]) { response in
                let body = response.body.string
                #expect(body.contains("192 observations would be stored for 2022-11, 2022-12"), "re-validated without a new upload")
                #expect(body.contains("id=\"submit\""))
            }
            try await Self.post(app, location + "/submit", producer, [:]) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("Stored 192 observations"))
            }
            let submissions = try await SubmissionRepository(store: app.imdms.store).list()
            #expect(submissions.count == 1)
            #expect(submissions.first?.submittedByUserID == producer.user.id)
            #expect(submissions.first?.channel == .web)
            let audit = try await AuditRepository(store: app.imdms.store).entries()
            #expect(audit.contains { $0.action == "import-profile.save" && $0.actor == "user:thabo" && $0.subject == "import-profile:MOHA/BORDER_CROSSINGS/default" },
                    "the profile the next file is read with is attributed")
        }
    }

    @Test("Anonymous callers, other roles, other organisations' datasets, other users' uploads and CSRF-less posts are refused")
    func refusals() async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            try await app.testing().test(.GET, "/intake") { #expect($0.status == .unauthorized) }
            let viewer = try await Self.session(app, "viewer", .viewer, org: nil)
            try await app.testing().test(.GET, "/intake", headers: ["Cookie": Self.cookie(viewer)]) { #expect($0.status == .forbidden) }
            let producer = try await Self.session(app, "thabo", .producer, org: "MOHA")
            try await Self.upload(app, producer, dataset: "LABOUR_MIGRATION", sample: "mole-labour-migrants-2022.csv") {
                #expect($0.status == .forbidden, "a producer cannot post to another organisation's dataset")
            }
            try await Self.upload(app, producer, dataset: "BORDER_CROSSINGS", sample: "moha-border-crossings-2022-11-12.xlsx", csrf: "forged") {
                #expect($0.status == .forbidden, "a post without the session's CSRF token is refused")
            }
            var location = ""
            try await Self.upload(app, producer, dataset: "BORDER_CROSSINGS", sample: "moha-border-crossings-2022-11-12.xlsx") {
                location = $0.headers.first(name: .location) ?? ""
            }
            let other = try await Self.session(app, "lineo", .producer, org: "MOHA")
            try await app.testing().test(.GET, location, headers: ["Cookie": Self.cookie(other)]) { #expect($0.status == .notFound) }
            #expect(try await SubmissionRepository(store: app.imdms.store).list().isEmpty)
        }
    }
}
