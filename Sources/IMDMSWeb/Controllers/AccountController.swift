import IMDMSCore
import IMDMSStorage
import Vapor

/// The signed-in user's own account: who they are and a new password of their choosing.
struct AccountController: RouteCollection {
    let throttle: LoginThrottle

    struct PasswordForm: Content {
        var current: String
        var new: String
        var repeated: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.account, use: page)
        routes.post(SiteURL.accountPassword, use: changePassword)
    }

    func page(_ request: Request) async throws -> Response {
        let login = try Access.requireLogin(request)
        return AccountPage(user: login.user, csrfToken: login.csrfToken, message: nil, error: nil).render(login: login).response()
    }

    /// Checks the current password (counted by the login throttle, so the form cannot be used to
    /// guess it), applies the password rules, ends every session of the account and signs this
    /// browser in afresh. The first-login file goes once the administrator's password is changed.
    func changePassword(_ request: Request) async throws -> Response {
        let login = try Access.requireLogin(request)
        let form = try request.content.decode(PasswordForm.self)
        func refuse(_ status: HTTPResponseStatus, _ error: String) -> Response {
            AccountPage(user: login.user, csrfToken: login.csrfToken, message: nil, error: error).render(login: login).response(status: status)
        }
        let store = request.imdms.store
        switch try await PasswordCheck.run(form.current, account: login.user.username, request: request, throttle: throttle) {
        case let .wait(seconds):
            return refuse(.tooManyRequests, LoginThrottle.waitMessage(seconds))
        case .wrong:
            try await AuditRepository(store: store).append(actor: "user:\(login.user.username)", action: "user.password_change-failed",
                                                           subject: "user:\(login.user.username)", after: "wrong current password")
            return refuse(.unauthorized, "The current password is wrong.")
        case .right:
            break
        }
        guard form.new == form.repeated else { return refuse(.badRequest, "The two new passwords differ.") }
        let problems = PasswordPolicy.problems(password: form.new, username: login.user.username)
        guard problems.isEmpty else { return refuse(.badRequest, "The password is refused: " + problems.joined(separator: "; ") + ".") }
        let hash = try await PasswordHasher.hash(form.new, on: request.application.threadPool)
        try await UserRepository(store: store).setPasswordHash(hash, for: login.user.id, by: "user:\(login.user.username)", action: "user.password_change")
        try await FirstAdmin.removeFileIfStale(store: store, dataDirectory: request.imdms.settings.dataDirectory)
        let session = try await SessionRepository(store: store).create(for: login.user)
        let response = AccountPage(user: login.user, csrfToken: session.csrfToken, message: "Your password is changed; your other sessions have ended.", error: nil)
            .render(login: session).response()
        response.cookies[AuthCookies.session] = AuthCookies.make(session.token, for: request, maxAge: Int(SessionRepository.lifetime), sameSite: .lax)
        return response
    }
}
