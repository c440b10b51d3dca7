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

    /// A hash of a password no one knows: an unknown account is checked against it, so that it
    /// answers as slowly as a known one and timing does not tell which names exist.
    static let dummyHash: String = (try? hash(FirstAdmin.randomPassword())) ?? ""

    /// Hashing and checking on the thread pool, off the event loop (a quarter second of Bcrypt on
    /// an event loop stalls every request sharing it).
    public static func verify(_ password: String, hash: String?, on pool: NIOThreadPool) async throws -> Bool {
        try await pool.runIfActive { verify(password, hash: hash ?? dummyHash) && hash != nil }
    }

    public static func hash(_ password: String, on pool: NIOThreadPool) async throws -> String {
        try await pool.runIfActive { try hash(password) }
    }
}
