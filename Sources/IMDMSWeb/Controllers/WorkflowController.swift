import IMDMSCore
import IMDMSStorage
import Vapor

/// Submissions and their workflow: the list (all of them for reviewers, the organisation's for a
/// producer), one submission with its history and the actions open to the caller, and the posts
/// that take those actions.
struct WorkflowController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.submissions, use: list)
        routes.get(SiteURL.submission(.key), use: show)
        routes.post(SiteURL.submissionAction(.key, .key), use: act)
    }

    func list(_ request: Request) async throws -> Response {
        let listed = try await SubmissionRequests.listed(request)
        let page = SubmissionsPage(submissions: listed.submissions, status: listed.status, datasetID: listed.datasetID, reference: request.imdms.reference,
                                   times: ReleaseTimeText(timeZone: request.imdms.settings.timeZone))
        return page.render(login: listed.login).response()
    }

    func show(_ request: Request) async throws -> Response {
        let login = try Access.require(request, "see submissions", Access.seesSubmissions)
        let submission = try await SubmissionRequests.submission(request, login)
        let store = request.imdms.store
        let workflow = WorkflowRepository(store: store)
        let page = SubmissionPage(
            submission: submission, structure: request.imdms.reference.structure(submission.datasetID),
            history: try await workflow.history(of: submission.id), lockedPeriods: try await workflow.lockedPeriods(of: submission.id),
            sample: Array(try await SubmissionRepository(store: store).observations(of: submission.id).prefix(SubmissionPage.sampleSize)),
            actions: WorkflowAction.available(to: login.user, status: submission.status, organisationID: submission.organisationID,
                                              submittedBy: submission.submittedByUserID),
            times: ReleaseTimeText(timeZone: request.imdms.settings.timeZone))
        return page.render(login: login).response()
    }

    struct ActionForm: Content {
        var comment: String?
        var release: String?
    }

    func act(_ request: Request) async throws -> Response {
        let login = try Access.require(request, "change a submission", Access.seesSubmissions)
        guard let action = request.parameters.get(SiteURL.Key.action).flatMap(WorkflowAction.init(rawValue:)) else {
            throw WebError.notFound("There is no such action.")
        }
        let submission = try await SubmissionRequests.submission(request, login)
        let form = try request.content.decode(ActionForm.self)
        let releaseAt = action == .publish ? try ReleaseTimeText(timeZone: request.imdms.settings.timeZone).parse(form.release) : nil
        try await WorkflowRepository(store: request.imdms.store)
            .perform(action, on: submission.id, by: login.user, comment: form.comment, releaseAt: releaseAt)
        return request.redirect(to: SiteURL.submission(.value(submission.id)).path, redirectType: .normal)
    }
}
