/// Why traveller records cannot be taken.
public enum MovementError: Error, Equatable, Sendable, CustomStringConvertible {
    case noKey
    case unreadableKey(path: String)
    case keyTooShort(bytes: Int)
    case keyReadableByOthers(path: String, permissions: String)
    case missingColumns([String])
    case unreadableFile(String)

    public var description: String {
        switch self {
        case .noKey:
            "traveller records are pseudonymised at intake and no key is configured: set IMDMS_PSEUDONYM_KEY_FILE to a file of at least \(Pseudonymiser.minimumKeyLength) random bytes kept outside the database (e.g. `head -c 32 /dev/urandom > key && chmod 600 key`)"
        case let .unreadableKey(path):
            "the pseudonym key file \(path) cannot be read"
        case let .keyTooShort(bytes):
            "the pseudonym key has \(bytes) bytes; it needs at least \(Pseudonymiser.minimumKeyLength)"
        case let .keyReadableByOthers(path, permissions):
            "the pseudonym key file \(path) may be read by others (mode \(permissions)); make it the owner's only: chmod 600 \(path)"
        case let .missingColumns(names):
            "the file has no column " + names.joined(separator: ", ") + " (map other names with a profile)"
        case let .unreadableFile(reason):
            "the file cannot be read: \(reason)"
        }
    }
}
