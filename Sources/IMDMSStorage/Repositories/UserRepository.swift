import FluentKit
import Foundation
import IMDMSCore

/// User accounts. The caller hashes the password (the web layer owns the slow hash).
public struct UserRepository: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    public func count() async throws -> Int {
        try await UserModel.query(on: store.database).count()
    }

    /// `actor`: who creates it (`system` for the first administrator, `cli` for `imdms user add`).
    public func create(_ user: User, passwordHash: String, by actor: String = "system") async throws {
        if try await UserModel.query(on: store.database).filter(\.$username == user.username).count() > 0 {
            throw StorageError.conflict("a user named '\(user.username)' already exists")
        }
        let model = UserModel()
        model.id = user.id
        model.username = user.username
        model.displayName = user.displayName
        model.role = user.role.rawValue
        model.organisationID = user.organisationID
        model.passwordHash = passwordHash
        model.isActive = user.isActive
        model.createdAt = Date()
        try await store.writeTransaction { tx in
            try await model.create(on: tx)
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: "user.create", subject: "user:\(user.username)",
                                             after: "role \(user.role.rawValue), organisation \(user.organisationID ?? "none")")
        }
    }

    public func user(id: UUID) async throws -> User? {
        guard let model = try await UserModel.find(id, on: store.database) else { return nil }
        return Self.user(model)
    }

    static func user(_ model: UserModel) -> User? {
        guard let id = model.id, let role = Role(rawValue: model.role) else { return nil }
        return User(id: id, username: model.username, displayName: model.displayName, role: role,
                    organisationID: model.organisationID, isActive: model.isActive)
    }

    /// The stored hash and account of a username, for a login check.
    public func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        guard let model = try await UserModel.query(on: store.database).filter(\.$username == username).first(),
              let user = Self.user(model)
        else { return nil }
        return (user, model.passwordHash)
    }

    /// Every account, by username.
    public func all() async throws -> [User] {
        try await UserModel.query(on: store.database).sort(\.$username).all().compactMap(Self.user)
    }

    /// Replaces the password hash and ends the user's sessions.
    /// A new password (its hash); every session of the account ends. `action`: `user.password_reset`
    /// when an administrator sets it, `user.password_change` when the user does.
    public func setPasswordHash(_ hash: String, for userID: UUID, by actor: String, action: String = "user.password_reset") async throws {
        try await store.writeTransaction { tx in
            guard let model = try await UserModel.find(userID, on: tx) else { throw StorageError.notFound("there is no such user") }
            model.passwordHash = hash
            try await model.update(on: tx)
            try await SessionModel.query(on: tx).filter(\.$userID == userID).delete()
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: action, subject: "user:\(model.username)")
        }
    }

    /// Deactivates (ending its sessions) or reactivates an account.
    public func setActive(_ active: Bool, for userID: UUID, by actor: String) async throws {
        try await store.writeTransaction { tx in
            guard let model = try await UserModel.find(userID, on: tx) else { throw StorageError.notFound("there is no such user") }
            guard model.isActive != active else { return }
            model.isActive = active
            try await model.update(on: tx)
            if !active { try await SessionModel.query(on: tx).filter(\.$userID == userID).delete() }
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: active ? "user.activate" : "user.deactivate",
                                             subject: "user:\(model.username)", before: active ? "inactive" : "active", after: active ? "active" : "inactive")
        }
    }
}
