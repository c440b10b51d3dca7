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

    public func create(_ user: User, passwordHash: String) async throws {
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
        try await store.database.transaction { tx in
            try await model.create(on: tx)
            try await AuditRepository.append(on: tx, actor: "system", action: "user.create", subject: "user:\(user.username)",
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
}
