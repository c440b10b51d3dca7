import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// What the submission pages and the JSON API read from a request: the submissions the caller
/// may see, and one of them.
enum SubmissionRequests {
    /// The submissions listed, with who asked and the filters applied.
    struct Listed {
        var login: SessionRepository.Session
        var submissions: [Submission]
        var status: SubmissionStatus?
        var datasetID: String?
    }

    /// The submissions the caller may see (all for reviewers, the organisation's for a
    /// producer), filtered by `?status=` and `?dataset=`: shared by the page and the JSON API.
    static func listed(_ request: Request) async throws -> Listed {
        let login = try Access.require(request, "see submissions", Access.seesSubmissions)
        let statusText = request.query[String.self, at: "status"].flatMap { $0.isEmpty ? nil : $0 }
        let status = try statusText.map { text in
            guard let status = SubmissionStatus(rawValue: text) else { throw WebError.badRequest("There is no status ‘\(text)’.") }
            return status
        }
        let datasetID = request.query[String.self, at: "dataset"].flatMap { $0.isEmpty ? nil : $0 }
        if let datasetID, request.imdms.reference.structure(datasetID) == nil { throw WebError.badRequest("There is no dataset ‘\(datasetID)’.") }
        let organisationID = Access.reviews(login.user) ? nil : login.user.organisationID ?? "-"
        let submissions = try await SubmissionRepository(store: request.imdms.store)
            .list(datasetID: datasetID, organisationID: organisationID, status: status, limit: 500)
        return Listed(login: login, submissions: submissions, status: status, datasetID: datasetID)
    }

    /// The submission, if the caller may see it (a producer only its organisation's).
    static func submission(_ request: Request, _ login: SessionRepository.Session) async throws -> Submission {
        guard let id = request.parameters.get(SiteURL.Key.submission).flatMap(UUID.init(uuidString:)),
              let submission = try await SubmissionRepository(store: request.imdms.store).find(id),
              Access.sees(submission, login.user)
        else { throw WebError.notFound("There is no such submission.") }
        return submission
    }
}
