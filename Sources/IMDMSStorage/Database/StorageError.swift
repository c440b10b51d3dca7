import IMDMSCore

/// What went wrong in the storage layer, in words an operator can act on.
public enum StorageError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(location: String, reason: String)
    case unknownDataset(String)
    case inconsistentReference(String)
    /// A clash with what is stored (already there, already approved, superseded).
    case conflict(String)
    /// A request or value that cannot be accepted whatever is stored (a missing comment, a wrong period).
    case invalid(String)
    case notFound(String)
    /// The acting user's role or organisation does not allow the action.
    case notPermitted(String)

    public var description: String {
        switch self {
        case let .cannotOpen(location, reason): "cannot open the database (\(location)): \(reason)"
        case let .unknownDataset(id): "there is no dataset '\(id)'"
        case let .inconsistentReference(text): "the stored reference configuration is inconsistent: \(text)"
        case let .conflict(text): text
        case let .invalid(text): text
        case let .notFound(text): text
        case let .notPermitted(text): text
        }
    }
}

extension StorageError: UserFacingError {
    public var status: Int {
        switch self {
        case .unknownDataset, .notFound: 404
        case .conflict: 409
        case .invalid: 422
        case .notPermitted: 403
        case .cannotOpen, .inconsistentReference: 500
        }
    }
}
