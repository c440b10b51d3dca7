import IMDMSCore
import IMDMSStorage
import Vapor

/// A password checked the one way both the login form and the change-password form need: through
/// the throttle (counted before the hash is checked), against the account's hash or — for an
/// unknown name — a dummy one, on the thread pool; a right password takes its attempt back.
enum PasswordCheck {
    case wait(TimeInterval)
    /// Wrong: `account` is the account of that name, if there is one (active or not).
    case wrong(account: User?)
    case right(User)

    static func run(_ password: String, account name: String, request: Request, throttle: LoginThrottle) async throws -> PasswordCheck {
        let client = request.clientAddress
        if case let .wait(seconds) = await throttle.begin(account: name, client: client) { return .wait(seconds) }
        let found = try await UserRepository(store: request.imdms.store).credentials(username: name)
        let matches = try await PasswordHasher.verify(password, hash: found?.passwordHash, on: request.application.threadPool)
        guard let found, matches, found.user.isActive else { return .wrong(account: found?.user) }
        await throttle.succeeded(account: name, client: client)
        return .right(found.user)
    }
}
