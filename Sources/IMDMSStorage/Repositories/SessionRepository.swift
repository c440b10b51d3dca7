import FluentKit
import Foundation
import IMDMSCore

/// Login sessions: a random token goes to the browser, only its SHA-256 is stored, with the
/// session's CSRF token and expiry.
public struct SessionRepository: Sendable {
    public struct Session: Sendable {
        public var token: String
        public var user: User
        public var csrfToken: String

        public init(token: String, user: User, csrfToken: String) {
            self.token = token
            self.user = user
            self.csrfToken = csrfToken
        }
    }

    public static let lifetime: TimeInterval = 8 * 3600
    let store: Store

    public init(store: Store) { self.store = store }

    /// 32 random bytes as hex, from the system's secure generator.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    public func create(for user: User, now: Date = Date()) async throws -> Session {
        let token = Self.randomToken()
        let model = SessionModel()
        model.id = SourceFile.sha256(of: Data(token.utf8))
        model.userID = user.id
        model.csrfToken = Self.randomToken()
        model.createdAt = now
        model.expiresAt = now.addingTimeInterval(Self.lifetime)
        try await store.writeTransaction { tx in
            try await model.create(on: tx)
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: "user:\(user.username)", action: "session.login", subject: "user:\(user.username)")
        }
        return Session(token: token, user: user, csrfToken: model.csrfToken)
    }

    /// The live session of a token, if any (expired sessions and inactive users are not).
    public func find(token: String, now: Date = Date()) async throws -> Session? {
        guard token.count == 64, token.allSatisfy(\.isHexDigit),
              let model = try await SessionModel.find(SourceFile.sha256(of: Data(token.utf8)), on: store.database),
              model.expiresAt > now,
              let user = try await UserRepository(store: store).user(id: model.userID), user.isActive
        else { return nil }
        return Session(token: token, user: user, csrfToken: model.csrfToken)
    }

    /// Ends a session at the user's request (audited, unlike `delete`'s clean-up of stale cookies).
    public func logout(_ session: Session) async throws {
        try await store.writeTransaction { tx in
            try await SessionModel.query(on: tx).filter(\.$id == SourceFile.sha256(of: Data(session.token.utf8))).delete()
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: "user:\(session.user.username)", action: "session.logout",
                                             subject: "user:\(session.user.username)")
        }
    }

    public func delete(token: String) async throws {
        try await SessionModel.query(on: store.database).filter(\.$id == SourceFile.sha256(of: Data(token.utf8))).delete()
    }
}
