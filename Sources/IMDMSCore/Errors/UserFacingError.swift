/// An error whose message is for the person who caused it — a file that cannot be read, a query
/// that names no dataset, a value that is not allowed. The web answers with `status` and the
/// error's description; the command line prints the description. Any other error is a fault: the
/// server logs it and answers 500 without details.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// The HTTP status that fits: 400 a malformed request, 403 not allowed, 404 nothing there,
    /// 409 a clash with what is stored, 413 too large, 422 a request or file that is well formed
    /// but cannot be accepted, 501 not implemented. 500: not the user's doing after all (a fault: the
    /// message is logged, not shown).
    var status: Int { get }
}

extension TableRequestError: UserFacingError { public var status: Int { 400 } }
extension PeriodError: UserFacingError { public var status: Int { 400 } }
extension EntryError: UserFacingError { public var status: Int { 400 } }
extension GovernanceError: UserFacingError { public var status: Int { 422 } }
extension CSVError: UserFacingError { public var status: Int { 422 } }
extension WorkbookError: UserFacingError { public var status: Int { 422 } }
extension MovementError: UserFacingError {
    /// A file that cannot be taken: 422; no usable pseudonym key: 503 (the service is not set up for it).
    public var status: Int {
        switch self {
        case .missingColumns, .unreadableFile: 422
        case .noKey, .unreadableKey, .keyTooShort, .keyReadableByOthers: 503
        }
    }
}
extension CodelistError: UserFacingError { public var status: Int { 422 } }
extension StructureError: UserFacingError { public var status: Int { 422 } }
extension SDMXError: UserFacingError { public var status: Int { httpStatus } }
