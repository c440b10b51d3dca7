import FluentKit
import Foundation
import IMDMSCore

/// API tokens for machines. The token is shown once at creation; only its SHA-256 is stored. A
/// token acts as a user with its role and organisation, named `token:NAME`.
public struct APITokenRepository: Sendable {
    public struct Token: Sendable, Hashable {
        public var id: UUID
        public var name: String
        public var role: Role
        public var organisationID: String?
        public var createdBy: String
        public var createdAt: Date
        public var revokedAt: Date?
        /// When it stops working (nil only for tokens made before tokens expired).
        public var expiresAt: Date?

        public func isLive(at now: Date = Date()) -> Bool { revokedAt == nil && (expiresAt.map { $0 > now } ?? true) }
    }

    /// The lifetimes an administrator may choose, in days; the first is the default.
    public static let lifetimes = [365, 90, 30, 7]

    public static let prefix = "imdms_"
    let store: Store

    public init(store: Store) { self.store = store }

    /// Creates a token; returns it with the secret to hand over (never stored, never shown again).
    public func create(name: String, role: Role, organisationID: String?, validDays: Int = lifetimes[0], by actor: String,
                       now: Date = Date()) async throws -> (Token, secret: String) {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw StorageError.invalid("a token needs a name that says which machine uses it") }
        guard Self.lifetimes.contains(validDays) else { throw StorageError.invalid("a token is valid for one of \(Self.lifetimes.map(String.init).joined(separator: ", ")) days") }
        if role == .producer && organisationID == nil { throw StorageError.invalid("a producer token needs an organisation") }
        if let organisationID, try await OrganisationModel.find(organisationID, on: store.database) == nil {
            throw StorageError.notFound("there is no organisation '\(organisationID)'")
        }
        let secret = Self.prefix + SessionRepository.randomToken()
        let model = APITokenModel()
        model.id = UUID()
        model.name = name
        model.tokenHash = SourceFile.sha256(of: Data(secret.utf8))
        model.role = role.rawValue
        model.organisationID = organisationID
        model.createdBy = actor
        model.createdAt = now
        model.expiresAt = now.addingTimeInterval(TimeInterval(validDays) * 86_400)
        try await store.writeTransaction { tx in
            try await model.create(on: tx)
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: "token.create", subject: "token:\(name)",
                                             after: "role \(role.rawValue), organisation \(organisationID ?? "none"), valid \(validDays) days")
        }
        return (Self.token(model)!, secret)
    }

    public func all() async throws -> [Token] {
        try await APITokenModel.query(on: store.database).sort(\.$createdAt, .descending).all().compactMap(Self.token)
    }

    public func revoke(_ id: UUID, by actor: String) async throws {
        try await store.writeTransaction { tx in
            guard let model = try await APITokenModel.find(id, on: tx) else { throw StorageError.notFound("there is no such token") }
            guard model.revokedAt == nil else { return }
            model.revokedAt = Date()
            try await model.update(on: tx)
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: "token.revoke", subject: "token:\(model.name)",
                                             before: "active", after: "revoked")
        }
    }

    /// The user a live token acts as, or nil for an unknown, revoked or expired token.
    public func user(forSecret secret: String, now: Date = Date()) async throws -> User? {
        guard secret.hasPrefix(Self.prefix), secret.count == Self.prefix.count + 64 else { return nil }
        guard let model = try await APITokenModel.query(on: store.database)
            .filter(\.$tokenHash == SourceFile.sha256(of: Data(secret.utf8))).first(),
            let token = Self.token(model), token.isLive(at: now)
        else { return nil }
        return User(id: token.id, username: "token:\(token.name)", displayName: token.name, role: token.role, organisationID: token.organisationID)
    }

    static func token(_ model: APITokenModel) -> Token? {
        guard let id = model.id, let role = Role(rawValue: model.role) else { return nil }
        return Token(id: id, name: model.name, role: role, organisationID: model.organisationID, createdBy: model.createdBy,
                     createdAt: model.createdAt, revokedAt: model.revokedAt, expiresAt: model.expiresAt)
    }
}
