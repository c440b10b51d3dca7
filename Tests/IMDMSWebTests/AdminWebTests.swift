import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

@Suite("Administration: accounts, API tokens, the audit page")
struct AdminWebTests {
    static func secret(in body: String, after marker: String) -> String? {
        guard let range = body.range(of: marker) else { return nil }
        return String(body[range.upperBound...].prefix { !$0.isWhitespace && $0 != "<" })
    }

    @Test("An administrator creates an account, resets its password and deactivates it; the audit page shows each step", arguments: TestBackend.available)
    func accounts(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            let admin = try await IntakeWebTests.session(app, "admin", .administrator, org: "BOS")
            var password = ""
            try await IntakeWebTests.post(app, "/admin/users", admin, ["username": "mpho", "role": "producer", "organisation": "MOLE"]) { response in
                #expect(response.status == .ok)
                password = Self.secret(in: response.body.string, after: "hand it over in person): ") ?? ""
            }
            #expect(password.count >= 12)
            let created = try #require(try await UserRepository(store: app.imdms.store).credentials(username: "mpho"))
            #expect(created.user.organisationID == "MOLE")
            #expect(created.passwordHash.hasPrefix("$2"), "Bcrypt")
            try await IntakeWebTests.post(app, "/admin/users", admin, ["username": "x", "role": "producer", "organisation": ""]) { response in
                #expect(response.status == .badRequest)
                #expect(response.body.string.contains("A producer belongs to an organisation"))
            }
            try await IntakeWebTests.post(app, "/admin/users", admin, ["username": "y", "role": "wizard"]) {
                #expect($0.body.string.contains("There is no role ‘wizard’."))
            }
            let session = try await SessionRepository(store: app.imdms.store).create(for: created.user)
            try await IntakeWebTests.post(app, "/admin/users/\(created.user.id.uuidString)/password", admin, [:]) { response in
                #expect(response.body.string.contains("New password for ‘mpho’"))
            }
            #expect(try await SessionRepository(store: app.imdms.store).find(token: session.token) == nil, "a reset ends the sessions")
            let again = try await SessionRepository(store: app.imdms.store).create(for: created.user)
            try await IntakeWebTests.post(app, "/admin/users/\(created.user.id.uuidString)/active", admin, ["active": "false"]) { response in
                #expect(response.body.string.contains("‘mpho’ is now deactivated."))
            }
            #expect(try await SessionRepository(store: app.imdms.store).find(token: again.token) == nil)
            try await IntakeWebTests.post(app, "/admin/users/\(admin.user.id.uuidString)/active", admin, ["active": "false"]) {
                #expect($0.status == .badRequest, "an administrator cannot lock themselves out")
            }
            try await app.testing().test(.GET, "/audit?actor=user:admin&action=user.", headers: ["Cookie": IntakeWebTests.cookie(admin)]) { response in
                let body = response.body.string
                #expect(body.contains("audit trail intact"))
                for action in ["user.create", "user.password_reset", "user.deactivate"] { #expect(body.contains("<td>\(action)</td>"), "\(action)") }
                #expect(!body.contains("<td>reference.seed</td>"), "filtered by action")
            }
            try await app.testing().test(.GET, "/audit?from=29-11-2026", headers: ["Cookie": IntakeWebTests.cookie(admin)]) { response in
                #expect(response.status == .badRequest)
                #expect(response.body.string.contains("From ‘29-11-2026’ is not a date"))
            }
        }
    }

    @Test("API tokens: shown once, scoped to role and organisation, revocable; a cookie never authorises an API write", arguments: TestBackend.available)
    func tokens(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            let admin = try await IntakeWebTests.session(app, "admin", .administrator, org: "BOS")
            var secret = ""
            try await IntakeWebTests.post(app, "/admin/tokens", admin, ["name": "moha-export", "role": "producer", "organisation": "MOHA"]) { response in
                secret = Self.secret(in: response.body.string, after: "store it now): ") ?? ""
            }
            #expect(secret.hasPrefix("imdms_"))
            try await app.testing().test(.GET, "/admin/tokens", headers: ["Cookie": IntakeWebTests.cookie(admin)]) { response in
                #expect(!response.body.string.contains(secret), "shown once only")
            }
            let file = Data(Fixtures.validBorderCSV.utf8)
            func post(_ dataset: String, bearer: String?, cookie: String? = nil, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
                var headers: HTTPHeaders = ["Content-Type": "text/csv"]
                if let bearer { headers.add(name: .authorization, value: "Bearer \(bearer)") }
                if let cookie { headers.add(name: .cookie, value: cookie) }
                try await app.testing().test(.POST, "/api/datasets/\(dataset)/submissions?filename=nov-dec.csv", headers: headers,
                                             body: ByteBuffer(data: file), afterResponse: check)
            }
            try await post("BORDER_CROSSINGS", bearer: secret) { response in
                #expect(response.status == .created)
                let summary = try JSONDecoder().decode(ImportSummary.self, from: Data(response.body.string.utf8))
                #expect(summary.observations == 8)
                #expect(summary.valueSum == 9304)
            }
            try await post("LABOUR_MIGRATION", bearer: secret) { #expect($0.status == .forbidden, "another organisation's dataset") }
            try await post("BORDER_CROSSINGS", bearer: "imdms_" + String(repeating: "0", count: 64)) { #expect($0.status == .unauthorized) }
            try await post("BORDER_CROSSINGS", bearer: nil, cookie: IntakeWebTests.cookie(admin)) {
                #expect($0.status == .unauthorized, "a session cookie is not enough for an API write")
            }
            let token = try #require(try await APITokenRepository(store: app.imdms.store).all().first)
            try await IntakeWebTests.post(app, "/admin/tokens/\(token.id.uuidString)/revoke", admin, [:]) { #expect($0.status == .ok) }
            try await post("BORDER_CROSSINGS", bearer: secret) { response in
                #expect(response.status == .unauthorized)
                #expect(response.body.string.contains("revoked"))
            }
            let submissions = try await SubmissionRepository(store: app.imdms.store).list()
            #expect(submissions.count == 1)
            #expect(submissions.first?.channel == .api)
            let stored = try await AuditRepository(store: app.imdms.store).search(action: "submission.store")
            #expect(stored.map(\.actor) == ["token:moha-export, role producer"], "the token's name and role, not just ‘api’")
            let events = try await WorkflowRepository(store: app.imdms.store).history(of: try #require(submissions.first).id)
            #expect(events.first?.actor == "token:moha-export, role producer")
        }
    }
}
