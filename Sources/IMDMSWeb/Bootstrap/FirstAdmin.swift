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

    /// The first-login file could not be written: no account was made, and the next start tries again.
    public struct FileNotWritten: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "the first administrator's password could not be written to \(path): make the data folder writable and start again"
        }
    }

    /// A first administrator's password and its hash.
    public struct Secret: Sendable {
        var password: String
        var hash: String

        static func make() throws -> Secret {
            let password = randomPassword()
            return Secret(password: password, hash: try PasswordHasher.hash(password))
        }
    }

    /// Starts making the first administrator's secret beside the store's set-up when the store is
    /// new (an SQLite file not there yet, so no account can exist): Bcrypt's quarter of a second
    /// then runs on the other core while the migrations run, instead of after them (a first import
    /// into a new folder took 0.52-0.59 s before a row was read, half of it Bcrypt). Nil otherwise.
    public static func startSecret(for location: StorageLocation) -> Task<Secret, any Error>? {
        guard case let .sqlite(path) = location, !FileManager.default.fileExists(atPath: path) else { return nil }
        return Task.detached(priority: .userInitiated) { try Secret.make() }
    }

    /// The file is written before the account is made: were it made first and the file then not
    /// written, its password would be lost and no start would make another. `started`: the secret
    /// `startSecret` began making, if any.
    public static func ensure(store: Store, dataDirectory: String, started: Task<Secret, any Error>? = nil) async throws -> Credentials? {
        let users = UserRepository(store: store)
        guard try await users.count() == 0 else { return nil }
        let secret = try await started?.value ?? Secret.make()
        let password = secret.password, hash = secret.hash
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let file = file(in: dataDirectory)
        guard FileManager.default.createFile(atPath: file, contents: Data("\(username)\n\(password)\n".utf8),
                                             attributes: [.posixPermissions: 0o600]) else { throw FileNotWritten(path: file) }
        try await users.create(
            User(username: username, displayName: "Administrator", role: .administrator, organisationID: nil),
            passwordHash: hash
        )
        return Credentials(username: username, password: password, file: file)
    }

    public static func file(in dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("initial-admin-password.txt")
    }

    /// Removes the first-login file once the password in it no longer opens the account (it was
    /// changed on the web, reset by another administrator or from the command line). Returns
    /// whether it removed it.
    @discardableResult
    public static func removeFileIfStale(store: Store, dataDirectory: String) async throws -> Bool {
        let path = file(in: dataDirectory)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.count >= 2 else { return false }
        if let found = try await UserRepository(store: store).credentials(username: lines[0]),
           PasswordHasher.verify(lines[1], hash: found.passwordHash) { return false }
        try FileManager.default.removeItem(atPath: path)
        return true
    }

    /// 20 characters from an alphabet without look-alikes, from the system's secure generator.
    public static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
