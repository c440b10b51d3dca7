import IMDMSCore
import IMDMSStorage
import Vapor

/// Login and logout with server-side sessions.
struct LoginController: RouteCollection {
    let throttle: LoginThrottle

    struct LoginForm: Content {
        var username: String
        var password: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.login, use: form)
        routes.post(SiteURL.login, use: login)
        routes.post(SiteURL.logout, use: logout)
    }

    func form(_ request: Request) async throws -> Response {
        page(request, status: .ok, message: nil)
    }

    /// The form with a fresh pre-login CSRF token in a cookie and a hidden field.
    private func page(_ request: Request, status: HTTPResponseStatus, message: String?, username: String = "") -> Response {
        let token = SessionRepository.randomToken()
        let response = LoginPage(csrfToken: token, message: message, username: username).render(login: request.login).response(status: status)
        response.cookies[AuthCookies.loginCSRF] = AuthCookies.make(token, for: request, maxAge: 3600, sameSite: .strict)
        return response
    }

    func login(_ request: Request) async throws -> Response {
        let form = try request.content.decode(LoginForm.self)
        let username = form.username.trimmingCharacters(in: .whitespaces)
        let store = request.imdms.store
        let user: User
        switch try await PasswordCheck.run(form.password, account: username, request: request, throttle: throttle) {
        case let .wait(seconds):
            return page(request, status: .tooManyRequests, message: LoginThrottle.waitMessage(seconds), username: username)
        case let .wrong(account):
            // Only names of real accounts are written down: a password typed into the name field
            // must not end up in the audit trail.
            try await AuditRepository(store: store).append(
                actor: "client:\(request.clientAddress)", action: "session.login-failed", subject: account.map { "user:\($0.username)" } ?? "unknown account",
                after: account.map { $0.isActive ? "wrong password" : "account deactivated" })
            return page(request, status: .unauthorized, message: "Wrong username or password.", username: username)
        case let .right(found):
            user = found
        }
        // A new session id at every login: an old cookie (fixation) is dropped.
        if let old = request.cookies[AuthCookies.session]?.string { try await SessionRepository(store: store).delete(token: old) }
        let session = try await SessionRepository(store: store).create(for: user)
        let response = request.redirect(to: SiteURL.home.path, redirectType: .normal)
        response.cookies[AuthCookies.session] = AuthCookies.make(session.token, for: request, maxAge: Int(SessionRepository.lifetime), sameSite: .lax)
        response.cookies[AuthCookies.loginCSRF] = AuthCookies.make("", for: request, maxAge: 0, sameSite: .strict)
        return response
    }

    func logout(_ request: Request) async throws -> Response {
        if let session = request.login { try await SessionRepository(store: request.imdms.store).logout(session) }
        let response = request.redirect(to: SiteURL.home.path, redirectType: .normal)
        response.cookies[AuthCookies.session] = AuthCookies.make("", for: request, maxAge: 0, sameSite: .lax)
        return response
    }
}
