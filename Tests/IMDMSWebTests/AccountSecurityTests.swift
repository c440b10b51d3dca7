import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import Vapor
import VaporTesting

/// The account items of the hardening issue: own password, first-login file, the throttle behind
/// a proxy on a real socket, token expiry, cache and transport headers, body limits per route.
@Suite("Accounts and transport: passwords, proxies, tokens, headers, body limits")
struct AccountSecurityTests {
    static let password = "maloti-river-7-bridge"

    static func form(_ app: Application, _ path: String, cookie: String, _ fields: [String: String],
                     _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        try await app.testing().test(.POST, path, beforeRequest: { request in
            request.headers.replaceOrAdd(name: .cookie, value: cookie)
            try request.content.encode(fields, as: .urlEncodedForm)
        }, afterResponse: check)
    }

    @Test("Users change their own password: the current one is checked, the rules apply, other sessions end; the first-login file goes", arguments: TestBackend.available)
    func ownPassword(backend: TestBackend) async throws {
        let folder = NSTemporaryDirectory() + "imdms-account-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var settings = AppSettings()
        settings.dataDirectory = folder
        try await withIMDMSApp(backend, settings: settings) { app, _ in
            let store = app.imdms.store
            let first = try #require(try await FirstAdmin.ensure(store: store, dataDirectory: folder))
            #expect(FileManager.default.fileExists(atPath: first.file))
            let admin = try #require(try await UserRepository(store: store).credentials(username: first.username)).user
            let browser = try await SessionRepository(store: store).create(for: admin)
            let laptop = try await SessionRepository(store: store).create(for: admin)
            let cookie = IntakeWebTests.cookie(browser)
            try await app.testing().test(.GET, "/account", headers: ["Cookie": cookie]) { response in
                #expect(response.status == .ok && response.body.string.contains("action=\"/account/password\""))
            }
            func change(_ current: String, _ new: String, _ repeated: String? = nil, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
                try await Self.form(app, "/account/password", cookie: cookie,
                                    ["csrf": browser.csrfToken, "current": current, "new": new, "repeated": repeated ?? new], check)
            }
            try await change("not-the-password", Self.password) { #expect($0.status == .unauthorized && $0.body.string.contains("current password is wrong")) }
            try await change(first.password, Self.password, "something-else-entirely") { #expect($0.status == .badRequest && $0.body.string.contains("differ")) }
            try await change(first.password, "short") { #expect($0.status == .badRequest && $0.body.string.contains("at least 12 characters")) }
            #expect(FileManager.default.fileExists(atPath: first.file), "nothing changed yet")
            var renewed = ""
            try await change(first.password, Self.password) { response in
                #expect(response.status == .ok && response.body.string.contains("Your password is changed"))
                renewed = response.headers.setCookie?[AuthCookieNames.session]?.string ?? ""
            }
            let credentials = try #require(try await UserRepository(store: store).credentials(username: first.username))
            #expect(PasswordHasher.verify(Self.password, hash: credentials.passwordHash))
            #expect(try await SessionRepository(store: store).find(token: laptop.token) == nil, "other sessions end")
            #expect(try await SessionRepository(store: store).find(token: renewed) != nil, "this browser stays signed in")
            #expect(!FileManager.default.fileExists(atPath: first.file), "the first-login file is removed once the password is changed")
            let audit = try await AuditRepository(store: store).entries()
            #expect(audit.contains { $0.action == "user.password_change" && $0.actor == "user:admin" })
            #expect(audit.contains { $0.action == "user.password_change-failed" })
        }
    }

    @Test("Behind a trusted proxy the throttle sees each client: an attacker's failures do not keep the user out")
    func proxy() async throws {
        var settings = AppSettings()
        settings.trustedProxies = ["127.0.0.1"]
        try await LoginTests.withUser(.sqlite, settings: settings) { app in
            app.http.client.configuration.redirectConfiguration = .disallow
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            do {
                let base = "http://127.0.0.1:\(try #require(app.http.server.shared.localAddress?.port))"
                func attempt(from client: String, password: String) async throws -> HTTPStatus {
                    let form = try await app.client.get(URI(string: base + "/login"))
                    let csrf = try #require(form.headers.setCookie?[AuthCookieNames.loginCSRF]?.string)
                    let response = try await app.client.post(URI(string: base + "/login"), headers: [
                        "X-Forwarded-For": client, "Cookie": "\(AuthCookieNames.loginCSRF)=\(csrf)",
                    ]) { request in
                        try request.content.encode(["username": "thabo", "password": password, "csrf": csrf], as: .urlEncodedForm)
                    }
                    return response.status
                }
                var statuses: [HTTPStatus] = []
                for _ in 0..<7 { statuses.append(try await attempt(from: "203.0.113.9", password: "guess-guess-guess")) }
                #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized } && statuses.suffix(2).allSatisfy { $0 == .tooManyRequests })
                #expect(try await attempt(from: "198.51.100.7", password: LoginTests.password) == .seeOther, "the real user at another address signs in")
                let failed = try await AuditRepository(store: app.imdms.store).search(action: "session.login-failed")
                #expect(Set(failed.map(\.actor)) == ["client:203.0.113.9"], "failures name the client behind the proxy")
            } catch { await app.server.shutdown(); throw error }
            await app.server.shutdown()
        }
    }

    @Test("Tokens expire: one past its date is refused like a revoked one; the form offers lifetimes")
    func tokenExpiry() async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            let tokens = APITokenRepository(store: app.imdms.store)
            let old = try await tokens.create(name: "old", role: .dataManager, organisationID: "BOS", validDays: 7, by: "test",
                                              now: Date().addingTimeInterval(-8 * 86_400))
            let live = try await tokens.create(name: "live", role: .dataManager, organisationID: "BOS", validDays: 30, by: "test")
            #expect(live.0.expiresAt.map { abs($0.timeIntervalSinceNow - 30 * 86_400) < 60 } == true)
            try await app.testing().test(.GET, "/api/submissions", headers: ["Authorization": "Bearer \(old.secret)"]) { response in
                #expect(response.status == .unauthorized && response.body.string.contains("expired"))
            }
            try await app.testing().test(.GET, "/api/submissions", headers: ["Authorization": "Bearer \(live.secret)"]) { #expect($0.status == .ok) }
            await #expect(throws: StorageError.self) { try await tokens.create(name: "forever", role: .dataManager, organisationID: "BOS", validDays: 10_000, by: "t") }
            let admin = try await IntakeWebTests.session(app, "admin", .administrator, org: "BOS")
            try await app.testing().test(.GET, "/admin/tokens", headers: ["Cookie": IntakeWebTests.cookie(admin)]) { response in
                #expect(response.body.string.contains("name=\"days\"") && response.body.string.contains("<td>expired</td>"))
            }
        }
    }

    @Test("Signed-in pages are not cached; https adds HSTS and Secure cookies; public pages may be cached")
    func headers() async throws {
        var settings = AppSettings()
        settings.publicURL = "https://stats.example.ls"
        try await withIMDMSApp(.sqlite, settings: settings) { app, _ in
            let admin = try await IntakeWebTests.session(app, "admin", .administrator, org: "BOS")
            try await IntakeWebTests.post(app, "/admin/tokens", admin, ["name": "export", "role": "analyst"]) { response in
                #expect(response.body.string.contains("store it now"))
                #expect(response.headers.first(name: .cacheControl) == "no-store", "a page showing a token's secret is never cached")
            }
            try await app.testing().test(.GET, "/login") { response in
                #expect(response.headers.first(name: "Strict-Transport-Security") == "max-age=31536000")
                #expect(response.headers.setCookie?[AuthCookieNames.loginCSRF]?.isSecure == true)
                #expect(response.headers.first(name: .cacheControl) != "no-store")
            }
        }
        try await withIMDMSApp(.sqlite) { app, _ in
            try await app.testing().test(.GET, "/login") { response in
                #expect(response.headers.first(name: "Strict-Transport-Security") == nil)
                #expect(response.headers.setCookie?[AuthCookieNames.loginCSRF]?.isSecure == false)
            }
        }
    }

    @Test("The CSRF check reads a form route's body only up to the form limit; upload routes keep theirs")
    func bodyLimits() async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            let producer = try await IntakeWebTests.session(app, "thabo", .producer, org: "MOHA")
            let big = String(repeating: "x", count: 2 * 1024 * 1024)
            try await Self.form(app, "/logout", cookie: IntakeWebTests.cookie(producer), ["csrf": producer.csrfToken, "padding": big]) { response in
                #expect(response.status == .payloadTooLarge)
            }
            let (type, body) = IntakeWebTests.multipart(["csrf": producer.csrfToken, "dataset": "BORDER_CROSSINGS"],
                                                        file: ("big.csv", Data(("a,b\n" + big).utf8)))
            try await app.testing().test(.POST, "/intake", headers: ["Cookie": IntakeWebTests.cookie(producer), "Content-Type": type], body: body) { response in
                #expect(response.status != .payloadTooLarge, "an upload route takes files past the form limit")
            }
        }
    }
}
