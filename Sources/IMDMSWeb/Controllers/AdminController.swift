import IMDMSCore
import IMDMSStorage
import Vapor

/// Administrators' screens: accounts (create, reset a password, deactivate, reactivate) and API
/// tokens for machines (create, shown once; revoke). Every action is in the audit trail.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.users, use: users)
        routes.post(SiteURL.users, use: createUser)
        routes.post(SiteURL.user(.key, .password), use: resetPassword)
        routes.post(SiteURL.user(.key, .active), use: setActive)
        routes.get(SiteURL.tokens, use: tokens)
        routes.post(SiteURL.tokens, use: createToken)
        routes.post(SiteURL.tokenRevoke(.key), use: revokeToken)
    }

    private func administrator(_ request: Request) throws -> SessionRepository.Session {
        try Access.require(request, "administer accounts", { $0.role == .administrator })
    }

    private func usersPage(_ request: Request, _ login: SessionRepository.Session, message: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let page = UsersPage(users: try await UserRepository(store: request.imdms.store).all(),
                             organisations: request.imdms.reference.organisations, message: message)
        return page.render(login: login).response(status: status)
    }

    func users(_ request: Request) async throws -> Response {
        try await usersPage(request, try administrator(request), message: nil)
    }

    struct NewUser: Content {
        var username: String
        var displayName: String?
        var role: String
        var organisation: String?
        var password: String?
    }

    /// Role and organisation from form text, each refused by name.
    private func scope(_ request: Request, role text: String, organisation: String?) throws -> (Role, String?) {
        guard let role = Role(rawValue: text) else { throw WebError.badRequest("There is no role ‘\(text)’.") }
        let organisationID = organisation.flatMap { $0.isEmpty ? nil : $0 }
        if let organisationID, !request.imdms.reference.organisations.contains(where: { $0.id == organisationID }) {
            throw WebError.badRequest("There is no organisation ‘\(organisationID)’.")
        }
        if role == .producer && organisationID == nil { throw WebError.badRequest("A producer belongs to an organisation: choose one.") }
        return (role, organisationID)
    }

    func createUser(_ request: Request) async throws -> Response {
        let login = try administrator(request)
        let form = try request.content.decode(NewUser.self)
        let username = form.username.trimmingCharacters(in: .whitespaces)
        guard !username.isEmpty, username.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw WebError.badRequest("Username ‘\(form.username)’ may hold only letters, digits, dot, dash and underscore.")
        }
        let (role, organisationID) = try scope(request, role: form.role, organisation: form.organisation)
        let given = form.password.flatMap { $0.isEmpty ? nil : $0 }
        let password = given ?? FirstAdmin.randomPassword()
        let problems = PasswordPolicy.problems(password: password, username: username)
        guard problems.isEmpty else { throw WebError.badRequest("The password is refused: " + problems.joined(separator: "; ") + ".") }
        let display = form.displayName.flatMap { $0.isEmpty ? nil : $0 } ?? username
        try await UserRepository(store: request.imdms.store).create(
            User(username: username, displayName: display, role: role, organisationID: organisationID),
            passwordHash: try await PasswordHasher.hash(password, on: request.application.threadPool), by: "user:\(login.user.username)")
        let shown = given == nil ? " Password (shown once; hand it over in person): \(password)" : ""
        return try await usersPage(request, login, message: "Created \(role.rawValue) ‘\(username)’.\(shown)")
    }

    private func target(_ request: Request) async throws -> User {
        guard let id = request.parameters.get(SiteURL.Key.user).flatMap(UUID.init(uuidString:)),
              let user = try await UserRepository(store: request.imdms.store).user(id: id)
        else { throw WebError.notFound("There is no such user.") }
        return user
    }

    func resetPassword(_ request: Request) async throws -> Response {
        let login = try administrator(request)
        let user = try await target(request)
        let password = FirstAdmin.randomPassword()
        try await UserRepository(store: request.imdms.store).setPasswordHash(try await PasswordHasher.hash(password, on: request.application.threadPool),
                                                                             for: user.id, by: "user:\(login.user.username)")
        try await FirstAdmin.removeFileIfStale(store: request.imdms.store, dataDirectory: request.imdms.settings.dataDirectory)
        return try await usersPage(request, login, message: "New password for ‘\(user.username)’ (shown once; their sessions are ended): \(password)")
    }

    struct ActiveForm: Content { var active: String }

    func setActive(_ request: Request) async throws -> Response {
        let login = try administrator(request)
        let user = try await target(request)
        let active = try request.content.decode(ActiveForm.self).active == "true"
        if user.id == login.user.id && !active { throw WebError.badRequest("You cannot deactivate your own account.") }
        try await UserRepository(store: request.imdms.store).setActive(active, for: user.id, by: "user:\(login.user.username)")
        return try await usersPage(request, login, message: "‘\(user.username)’ is now \(active ? "active" : "deactivated").")
    }

    private func tokensPage(_ request: Request, _ login: SessionRepository.Session, message: String?) async throws -> Response {
        let page = TokensPage(tokens: try await APITokenRepository(store: request.imdms.store).all(),
                              organisations: request.imdms.reference.organisations, message: message)
        return page.render(login: login).response()
    }

    func tokens(_ request: Request) async throws -> Response {
        try await tokensPage(request, try administrator(request), message: nil)
    }

    struct NewToken: Content {
        var name: String
        var role: String
        var organisation: String?
        var days: Int?
    }

    func createToken(_ request: Request) async throws -> Response {
        let login = try administrator(request)
        let form = try request.content.decode(NewToken.self)
        let (role, organisationID) = try scope(request, role: form.role, organisation: form.organisation)
        let (token, secret) = try await APITokenRepository(store: request.imdms.store)
            .create(name: form.name, role: role, organisationID: organisationID, validDays: form.days ?? APITokenRepository.lifetimes[0],
                    by: "user:\(login.user.username)")
        return try await tokensPage(request, login, message: "Token ‘\(token.name)’ (shown once, store it now): \(secret)")
    }

    func revokeToken(_ request: Request) async throws -> Response {
        let login = try administrator(request)
        guard let id = request.parameters.get(SiteURL.Key.token).flatMap(UUID.init(uuidString:)) else { throw WebError.notFound("There is no such token.") }
        try await APITokenRepository(store: request.imdms.store).revoke(id, by: "user:\(login.user.username)")
        return try await tokensPage(request, login, message: "The token is revoked.")
    }
}
