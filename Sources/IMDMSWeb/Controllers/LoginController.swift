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
        routes.get("login", use: form)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
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
        let keys = ["user:" + username.lowercased(), "ip:" + (request.remoteAddress?.ipAddress ?? "?")]
        if let wait = await throttle.wait(for: keys) {
            return page(request, status: .tooManyRequests,
                        message: "Too many failed attempts. Try again in \(Int((wait / 60).rounded(.up))) minutes.", username: username)
        }
        let store = request.imdms.store
        guard let found = try await UserRepository(store: store).credentials(username: username), found.user.isActive,
              PasswordHasher.verify(form.password, hash: found.passwordHash)
        else {
            await throttle.recordFailure(for: keys)
            return page(request, status: .unauthorized, message: "Wrong username or password.", username: username)
        }
        await throttle.reset(for: keys)
        // A new session id at every login: an old cookie (fixation) is dropped.
        if let old = request.cookies[AuthCookies.session]?.string { try await SessionRepository(store: store).delete(token: old) }
        let session = try await SessionRepository(store: store).create(for: found.user)
        let response = request.redirect(to: "/", redirectType: .normal)
        response.cookies[AuthCookies.session] = AuthCookies.make(session.token, for: request, maxAge: Int(SessionRepository.lifetime), sameSite: .lax)
        response.cookies[AuthCookies.loginCSRF] = AuthCookies.make("", for: request, maxAge: 0, sameSite: .strict)
        return response
    }

    func logout(_ request: Request) async throws -> Response {
        if let session = request.login { try await SessionRepository(store: request.imdms.store).delete(token: session.token) }
        let response = request.redirect(to: "/", redirectType: .normal)
        response.cookies[AuthCookies.session] = AuthCookies.make("", for: request, maxAge: 0, sameSite: .lax)
        return response
    }
}
