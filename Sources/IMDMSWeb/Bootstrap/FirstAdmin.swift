import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// Creates the first administrator when no account exists: a random password, hashed with
/// Bcrypt, printed once and written to `initial-admin-password.txt` in the data folder
/// (readable by the owner only) so that an operator who missed the console can still log in.
public enum FirstAdmin {
    public struct Credentials: Sendable {
        public var username: String
        public var password: String
        public var file: String
    }

    public static let username = "admin"

    public static func ensure(store: Store, dataDirectory: String) async throws -> Credentials? {
        let users = UserRepository(store: store)
        guard try await users.count() == 0 else { return nil }
        let password = randomPassword()
        let hash = try PasswordHasher.hash(password)
        try await users.create(
            User(username: username, displayName: "Administrator", role: .administrator, organisationID: nil),
            passwordHash: hash
        )
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let file = (dataDirectory as NSString).appendingPathComponent("initial-admin-password.txt")
        FileManager.default.createFile(atPath: file, contents: Data("\(username)\n\(password)\n".utf8),
                                       attributes: [.posixPermissions: 0o600])
        return Credentials(username: username, password: password, file: file)
    }

    /// 20 characters from an alphabet without look-alikes, from the system's secure generator.
    public static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
