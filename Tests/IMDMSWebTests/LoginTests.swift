import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

@Suite("Login, sessions and CSRF")
struct LoginTests {
    static let password = "maloti-river-7-bridge"

    static func withUser(_ backend: TestBackend, settings: AppSettings = AppSettings(), _ body: @escaping (Application) async throws -> Void) async throws {
        try await withIMDMSApp(backend, settings: settings) { app, _ in
            try await UserRepository(store: app.imdms.store).create(
                User(username: "thabo", displayName: "Thabo M.", role: .producer, organisationID: "MOHA"),
                passwordHash: try PasswordHasher.hash(password))
            try await body(app)
        }
    }

    /// GETs the form and returns the pre-login CSRF token (cookie and hidden field must agree).
    static func loginToken(_ app: Application) async throws -> String {
        var token = ""
        try await app.testing().test(.GET, "/login") { response in
            #expect(response.status == .ok)
            let cookie = try #require(response.headers.setCookie?[AuthCookieNames.loginCSRF])
            #expect(cookie.isHTTPOnly)
            #expect(cookie.sameSite == .strict)
            #expect(response.body.string.contains("name=\"csrf\" value=\"\(cookie.string)\""))
            token = cookie.string
        }
        return token
    }

    static func postLogin(_ app: Application, username: String = "thabo", password: String, csrf: String?, cookie: String?,
                          _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        try await app.testing().test(.POST, "/login", beforeRequest: { request in
            var form = ["username": username, "password": password]
            if let csrf { form["csrf"] = csrf }
            try request.content.encode(form, as: .urlEncodedForm)
            if let cookie { request.headers.replaceOrAdd(name: .cookie, value: "\(AuthCookieNames.loginCSRF)=\(cookie)") }
        }, afterResponse: check)
    }

    static func sessionCookie(_ response: TestingHTTPResponse) -> String? {
        response.headers.setCookie?[AuthCookieNames.session]?.string
    }

    @Test("A producer logs in and out; cookies are HttpOnly and SameSite; every login gets a new session", arguments: TestBackend.available)
    func loginLogout(backend: TestBackend) async throws {
        try await Self.withUser(backend) { app in
            var sessions: [String] = []
            for _ in 0..<2 {
                let token = try await Self.loginToken(app)
                try await Self.postLogin(app, password: Self.password, csrf: token, cookie: token) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers.first(name: .location) == "/")
                    let cookie = try #require(response.headers.setCookie?[AuthCookieNames.session])
                    #expect(cookie.isHTTPOnly)
                    #expect(cookie.sameSite == .lax)
                    sessions.append(cookie.string)
                }
            }
            #expect(sessions.count == 2 && sessions[0] != sessions[1])
            var csrf = ""
            try await app.testing().test(.GET, "/", beforeRequest: { request in
                request.headers.replaceOrAdd(name: .cookie, value: "\(AuthCookieNames.session)=\(sessions[1])")
            }) { response in
                let body = response.body.string
                #expect(body.contains("Thabo M. (producer)"))
                let range = try #require(body.range(of: "name=\"csrf\" value=\""))
                csrf = String(body[range.upperBound...].prefix(64))
            }
            try await app.testing().test(.POST, "/logout", beforeRequest: { request in
                request.headers.replaceOrAdd(name: .cookie, value: "\(AuthCookieNames.session)=\(sessions[1])")
            }) { response in
                #expect(response.status == .forbidden, "a logout without the CSRF token is refused")
            }
            try await app.testing().test(.POST, "/logout", beforeRequest: { request in
                request.headers.replaceOrAdd(name: .cookie, value: "\(AuthCookieNames.session)=\(sessions[1])")
                try request.content.encode(["csrf": csrf], as: .urlEncodedForm)
            }) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await SessionRepository(store: app.imdms.store).find(token: sessions[1]) == nil)
            let audit = try await AuditRepository(store: app.imdms.store).entries()
            #expect(audit.filter { $0.action == "session.login" }.count == 2)
            #expect(audit.filter { $0.action == "session.logout" }.map(\.actor) == ["user:thabo"], "logouts are in the audit trail")
        }
    }

    @Test("Wrong passwords, CSRF-less posts and forged cookies are refused", arguments: TestBackend.available)
    func refusals(backend: TestBackend) async throws {
        try await Self.withUser(backend) { app in
            let token = try await Self.loginToken(app)
            try await Self.postLogin(app, password: Self.password, csrf: nil, cookie: token) { response in
                #expect(response.status == .forbidden)
                #expect(Self.sessionCookie(response) == nil)
            }
            try await Self.postLogin(app, password: Self.password, csrf: token, cookie: nil) { response in
                #expect(response.status == .forbidden)
            }
            try await Self.postLogin(app, password: "wrong-password-123", csrf: token, cookie: token) { response in
                #expect(response.status == .unauthorized)
                #expect(response.body.string.contains("Wrong username or password."))
                #expect(Self.sessionCookie(response) == nil)
            }
            try await Self.postLogin(app, username: "my-secret-passphrase", password: "x", csrf: token, cookie: token) { response in
                #expect(response.status == .unauthorized)
                #expect(response.body.string.contains("Wrong username or password."), "an unknown name answers like a wrong password")
            }
            let failed = try await AuditRepository(store: app.imdms.store).search(action: "session.login-failed")
            #expect(Set(failed.map(\.subject)) == ["user:thabo", "unknown account"], "failed logins are recorded")
            #expect(!failed.contains { $0.subject.contains("my-secret-passphrase") || ($0.after ?? "").contains("my-secret-passphrase") },
                    "a name that is no account (perhaps a password typed in the wrong field) is not written down")
            let forged = String(repeating: "ab", count: 32)
            try await app.testing().test(.GET, "/", beforeRequest: { request in
                request.headers.replaceOrAdd(name: .cookie, value: "\(AuthCookieNames.session)=\(forged)")
            }) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("<a href=\"/login\">Log in</a>"))
            }
        }
    }

    @Test("Repeated failures are throttled, even for the right password")
    func throttling() async throws {
        try await Self.withUser(.sqlite) { app in
            let token = try await Self.loginToken(app)
            for _ in 0..<5 {
                try await Self.postLogin(app, password: "wrong-password-123", csrf: token, cookie: token) { #expect($0.status == .unauthorized) }
            }
            try await Self.postLogin(app, password: Self.password, csrf: token, cookie: token) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.body.string.contains("Too many failed attempts"))
            }
        }
    }
}
