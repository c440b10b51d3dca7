import IMDMSCore
import IMDMSStorage
import Vapor

/// Who may do what. Checked on the server by every route that needs it.
enum Access {
    /// Roles that may submit data: producers for their own organisation, data managers and
    /// administrators for any.
    static func canSubmit(_ user: User, to structure: DataStructure) -> Bool {
        switch user.role {
        case .administrator, .dataManager: true
        case .producer: user.organisationID == structure.organisationID
        case .analyst, .viewer, .microdataOfficer: false
        }
    }

    /// The signed-in user, or 401 for anonymous callers.
    static func requireLogin(_ request: Request) throws -> SessionRepository.Session {
        guard let login = request.login else { throw WebError(status: .unauthorized, reason: "Please log in first.") }
        return login
    }

    /// The datasets the user may submit to; 403 when there are none.
    static func submittable(_ request: Request) throws -> (SessionRepository.Session, [DataStructure]) {
        let login = try requireLogin(request)
        let structures = request.imdms.reference.structures.filter { canSubmit(login.user, to: $0) }
        guard !structures.isEmpty else { throw WebError(status: .forbidden, reason: "Your role does not submit data.") }
        return (login, structures)
    }

    /// Data managers and administrators review, approve and publish.
    static func reviews(_ user: User) -> Bool { user.role == .administrator || user.role == .dataManager }

    /// Who sees submissions: reviewers all of them, producers their organisation's.
    static func seesSubmissions(_ user: User) -> Bool { reviews(user) || user.role == .producer }

    /// Whether `user` may open this submission (its values, history, file): reviewers any; a
    /// producer those its organisation sent — not the statistics IMDMS derived and filed under it
    /// (from traveller records), which reach producers like everyone, through protected outputs.
    static func sees(_ submission: Submission, _ user: User) -> Bool {
        reviews(user) || (user.role == .producer && submission.organisationID == user.organisationID && submission.channel != .system)
    }

    /// The signed-in user, or 403 unless `allowed` says yes.
    static func require(_ request: Request, _ what: String, _ allowed: (User) -> Bool) throws -> SessionRepository.Session {
        let login = try requireLogin(request)
        guard allowed(login.user) else { throw WebError(status: .forbidden, reason: "Your role (\(login.user.role.rawValue)) cannot \(what).") }
        return login
    }
}
