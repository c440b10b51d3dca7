import Foundation

/// A person with an account. The password is held only as a slow hash made by the web layer.
public struct User: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var username: String
    public var displayName: String
    public var role: Role
    public var organisationID: String?
    public var isActive: Bool

    public init(id: UUID = UUID(), username: String, displayName: String, role: Role, organisationID: String?, isActive: Bool = true) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.organisationID = organisationID
        self.isActive = isActive
    }
}
