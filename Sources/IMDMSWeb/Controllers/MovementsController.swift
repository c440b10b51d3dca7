import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// Traveller-level records, for the microdata officer only: upload an extract (pseudonymised at
/// intake; BORDER_CROSSINGS and MIGRATION_FLOWS derived again and submitted for review), and
/// query the movement store (every query audited). Machines send extracts to `POST /api/movements`
/// with a microdata officer's token.
struct MovementsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.movements, use: index)
        routes.post(SiteURL.movements, collecting: BodyLimits.uploadSize, use: upload)
        routes.post(SiteURL.movementsSearch, use: search)
        routes.post(SiteURL.api(.movements), collecting: BodyLimits.uploadSize, use: apiUpload)
    }

    static func officer(_ request: Request) throws -> SessionRepository.Session {
        try Access.require(request, "see traveller-level records", { $0.role == .microdataOfficer })
    }

    static func service(_ request: Request) throws -> MovementService {
        let pseudonymiser: Pseudonymiser
        do { pseudonymiser = try Pseudonymiser.load(path: request.imdms.settings.pseudonymKeyFile) } catch {
            throw WebError(status: .serviceUnavailable, reason: error.description)
        }
        return MovementService(store: request.imdms.store, reference: request.imdms.reference, pseudonymiser: pseudonymiser,
                               permittedStayDays: request.imdms.settings.permittedStayDays)
    }

    struct Query: Content {
        var from: String?
        var to: String?
        var post: String?
        var pseudonym: String?
    }

    func index(_ request: Request) async throws -> Response {
        let login = try Self.officer(request)
        return try await Self.page(request, login).render(login: login).response()
    }

    static func page(_ request: Request, _ login: SessionRepository.Session) async throws -> MovementsPage {
        let repository = MovementRepository(store: request.imdms.store)
        return MovementsPage(count: try await repository.count(), latest: try await repository.latestTime(),
                             keyConfigured: request.imdms.settings.pseudonymKeyFile != nil, csrf: login.csrfToken)
    }

    /// A query of the movement store: a POST (it writes an audit entry), never a GET.
    func search(_ request: Request) async throws -> Response {
        let login = try Self.officer(request)
        let repository = MovementRepository(store: request.imdms.store)
        var page = try await Self.page(request, login)
        let query = try request.content.decode(Query.self)
        guard let from = query.from, let to = query.to, !from.isEmpty, !to.isEmpty else {
            throw WebError.badRequest("A query needs a first and a last day (From and To).")
        }
        page.query = query
        page.results = try await repository.search(by: login.user, from: from, to: to + "T23:59",
                                                   pseudonym: query.pseudonym.flatMap { $0.isEmpty ? nil : $0 },
                                                   borderPost: query.post.flatMap { $0.isEmpty ? nil : $0 }, limit: MovementsPage.resultLimit)
        return page.render(login: login).response()
    }

    struct UploadForm: Content {
        var file: File
    }

    func upload(_ request: Request) async throws -> Response {
        let login = try Self.officer(request)
        let form = try request.content.decode(UploadForm.self)
        guard form.file.data.readableBytes > 0 else { throw WebError.badRequest("The file '\(form.file.filename)' is empty.") }
        let summary = try await Self.service(request).importFile(Data(buffer: form.file.data), fileName: form.file.filename, actor: login.user.username)
        var page = try await Self.page(request, login)
        page.summary = summary
        return page.render(login: login).response(status: summary.problems.isEmpty ? .ok : .unprocessableEntity)
    }

    struct APIQuery: Content {
        var filename: String?
    }

    /// The extract as the body; 201 with the summary when crossings were added, 200 when nothing
    /// was new, 422 with every problem (nothing stored).
    func apiUpload(_ request: Request) async throws -> Response {
        let login = try Self.officer(request)
        guard let body = request.body.data, body.readableBytes > 0 else { throw WebError.badRequest("The request body is empty: send the extract as the body.") }
        let name = try request.query.decode(APIQuery.self).filename ?? "extract.csv"
        let summary = try await Self.service(request).importFile(Data(buffer: body), fileName: name, actor: login.user.username)
        let response = Response(status: !summary.problems.isEmpty ? .unprocessableEntity : summary.added > 0 ? .created : .ok)
        try response.content.encode(summary, as: .json)
        return response
    }
}
