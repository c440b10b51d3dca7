import Crypto
import Foundation

/// The key that seals the audit trail: every entry's hash and the recorded head carry an
/// HMAC-SHA256 under a key kept outside the database (`IMDMS_AUDIT_KEY_FILE`, by default
/// `audit.key` in the data folder). Whoever can write the database can recompute SHA-256 chains,
/// but not these seals, so a rewritten, shortened or extended trail no longer verifies.
public struct AuditSeal: Sendable {
    public static let minimumKeyLength = 32
    private let key: SymmetricKey

    public init(key: Data) throws(AuditSealError) {
        guard key.count >= Self.minimumKeyLength else { throw .keyTooShort(bytes: key.count) }
        self.key = SymmetricKey(data: key)
    }

    /// The seal of an entry, by its hash.
    public func entry(_ hash: String) -> String { mac("entry:" + hash) }

    /// The seal of the recorded head (the last sequence and hash).
    public func head(sequence: Int, hash: String) -> String { mac("head:\(sequence):\(hash)") }

    private func mac(_ text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Reads the key file; with `create`, makes one (32 random bytes, readable by its owner only)
    /// when there is none. A key file others may read is refused.
    public static func load(path: String, create: Bool) throws(AuditSealError) -> AuditSeal {
        let files = FileManager.default
        if !files.fileExists(atPath: path) {
            guard create else { throw .missing(path: path) }
            var bytes = [UInt8](repeating: 0, count: 32)
            var generator = SystemRandomNumberGenerator()
            for index in bytes.indices { bytes[index] = UInt8.random(in: .min ... .max, using: &generator) }
            guard files.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
                throw .unreadable(path: path)
            }
        }
        if let permissions = (try? files.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, permissions & 0o077 != 0 {
            throw .readableByOthers(path: path, permissions: String(permissions, radix: 8))
        }
        guard let data = files.contents(atPath: path) else { throw .unreadable(path: path) }
        return try AuditSeal(key: KeyFileContent.key(data, minimum: minimumKeyLength))
    }
}

/// Why the audit key cannot be used.
public enum AuditSealError: Error, Equatable, Sendable, CustomStringConvertible {
    case keyTooShort(bytes: Int)
    case missing(path: String)
    case unreadable(path: String)
    case readableByOthers(path: String, permissions: String)

    public var description: String {
        switch self {
        case let .keyTooShort(bytes): "the audit key has \(bytes) bytes; it needs at least \(AuditSeal.minimumKeyLength) (head -c 32 /dev/urandom > audit.key)"
        case let .missing(path): "there is no audit key at \(path); without it the trail's seals cannot be checked"
        case let .unreadable(path): "the audit key \(path) cannot be read or created"
        case let .readableByOthers(path, permissions): "the audit key \(path) may be read by others (mode \(permissions)); chmod 600 it"
        }
    }
}
