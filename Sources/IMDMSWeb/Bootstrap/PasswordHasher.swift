import Vapor

/// The one place passwords are hashed: Bcrypt, cost 12 (about a quarter of a second here).
public enum PasswordHasher {
    public static let cost = 12

    public static func hash(_ password: String) throws -> String {
        try Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        (try? Bcrypt.verify(password, created: hash)) ?? false
    }
}
