import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// Migration governance: assessment frameworks (the shipped illustrative set, others imported
/// from workbooks), assessments answered through a web form or from a workbook with evidence,
/// their scores submitted through the ordinary workflow, and the scorecard report.
struct GovernanceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let limit = BodyLimits.uploadSize
        routes.get(SiteURL.governance, use: index)
        routes.post(SiteURL.frameworks, collecting: limit, use: importFramework)
        routes.post(SiteURL.assessments, use: create)
        routes.get(SiteURL.assessment(.key), use: show)
        routes.post(SiteURL.assessment(.key), collecting: limit, use: save)
        routes.post(SiteURL.assessment(.key, .workbook), collecting: limit, use: importAnswers)
        routes.get(SiteURL.assessment(.key, .evidence(.key)), use: evidence)
        routes.get(SiteURL.report(.value(ScorecardReport.id)), use: scorecard)
    }

    static func repository(_ request: Request) -> AssessmentRepository { AssessmentRepository(store: request.imdms.store) }

    /// Roles that may answer some assessment (the organisation is checked on the assessment).
    static func answering(_ request: Request) throws -> SessionRepository.Session {
        try Access.require(request, "answer governance assessments") { [.producer, .dataManager, .administrator].contains($0.role) }
    }

    /// Assessments in the making — their answers, drafts and evidence — are for those who answer
    /// them (the assessment organisation's producers) and those who review them; everyone else
    /// sees the published scorecard.
    static func working(_ request: Request) throws -> SessionRepository.Session {
        let owner = request.imdms.reference.structure(AssessmentRepository.datasetID)?.organisationID ?? ""
        return try Access.require(request, "see governance assessments before they are published") { AssessmentRepository.mayAnswer($0, organisationID: owner) }
    }

    /// The sheets of an uploaded workbook (XLSX or CSV); 400 without a file, 422 naming an unreadable one.
    static func grids(_ file: File?, what: String) throws -> [Grid] {
        guard let file, file.data.readableBytes > 0 else { throw WebError.badRequest("Choose \(what) (XLSX or CSV) to import.") }
        do { return try IncomingFile(name: file.filename, data: Data(buffer: file.data)).grids() } catch {
            throw WebError(status: .unprocessableEntity, reason: "The file ‘\(file.filename)’ cannot be read: \(error)")
        }
    }

    func index(_ request: Request) async throws -> Response {
        let login = try Self.working(request)
        let repository = Self.repository(request)
        let structure = try GovernanceRequests.structure(request)
        let page = GovernancePage(frameworks: try await repository.frameworks(), assessments: try await repository.list(),
                                  canCreate: AssessmentRepository.mayAnswer(login.user, organisationID: structure.organisationID),
                                  canImport: Access.reviews(login.user), csrf: login.csrfToken)
        return page.render(login: login).response()
    }

    struct FrameworkForm: Content {
        var file: File?
        var id: String?
        var version: String?
        var title: String?
        var illustrative: String?
    }

    func importFramework(_ request: Request) async throws -> Response {
        let login = try Access.require(request, "import assessment frameworks", Access.reviews)
        let form = try request.content.decode(FrameworkForm.self)
        let grids = try Self.grids(form.file, what: "the framework workbook")
        let defaults = FrameworkWorkbook.Defaults(id: form.id ?? "", version: form.version ?? "", title: form.title ?? "",
                                                  illustrative: form.illustrative == "on")
        let framework = try FrameworkWorkbook.framework(from: grids, defaults: defaults)
        try await Self.repository(request).add(framework, actor: "user:\(login.user.username)")
        return request.redirect(to: SiteURL.governance.path, redirectType: .normal)
    }

    struct CreateForm: Content {
        var framework: String?
        var year: Int?
    }

    func create(_ request: Request) async throws -> Response {
        let structure = try GovernanceRequests.structure(request)
        let login = try Access.require(request, "start governance assessments") { AssessmentRepository.mayAnswer($0, organisationID: structure.organisationID) }
        let form = try request.content.decode(CreateForm.self)
        guard let year = form.year else { throw WebError.badRequest("Give the year the assessment is for, e.g. 2022.") }
        guard let framework = form.framework, !framework.isEmpty else { throw WebError.badRequest("Choose the framework the assessment uses.") }
        let id = try await Self.repository(request).create(frameworkID: framework, year: year, organisationID: structure.organisationID,
                                                           actor: "user:\(login.user.username)")
        return request.redirect(to: SiteURL.assessment(.value(id)).path, redirectType: .normal)
    }

    static func assessment(_ request: Request) async throws -> AssessmentRepository.Stored {
        guard let text = request.parameters.get(SiteURL.Key.assessment), let id = UUID(uuidString: text),
              let stored = try await repository(request).load(id) else {
            throw WebError.notFound("There is no such assessment.")
        }
        return stored
    }

    func show(_ request: Request) async throws -> Response {
        let login = try Self.working(request)
        let stored = try await Self.assessment(request)
        let locked = try await WorkflowRepository(store: request.imdms.store).isLocked(datasetID: AssessmentRepository.datasetID, period: String(stored.summary.year))
        let page = AssessmentPage(stored: stored, canAnswer: AssessmentRepository.mayAnswer(login.user, organisationID: stored.summary.organisationID),
                                  locked: locked, saved: request.query[Int.self, at: "saved"], csrf: login.csrfToken)
        return page.render(login: login).response()
    }

    struct AnswersForm: Content {
        var answer: [String: String]?
        var evidence: [String: String]?
        var link: [String: String]?
        var file: [String: File]?
    }

    func save(_ request: Request) async throws -> Response {
        let login = try Self.answering(request)
        let stored = try await Self.assessment(request)
        let form = try request.content.decode(AnswersForm.self)
        var answers: [AssessmentAnswer] = []
        for indicator in stored.framework.indicators {
            guard let option = form.answer?[indicator.code], !option.isEmpty else { continue }
            let link = form.link?[indicator.code].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            answers.append(AssessmentAnswer(indicator: indicator.code, option: option, evidence: form.evidence?[indicator.code] ?? "",
                                            link: link, answeredBy: login.user.username))
        }
        var files: [String: AssessmentRepository.EvidenceFile] = [:]
        for (code, file) in form.file ?? [:] where file.data.readableBytes > 0 {
            guard answers.contains(where: { $0.indicator == code }) else {
                throw WebError.badRequest("Indicator \(code): a file can only be attached to an answer.")
            }
            files[code] = .init(name: file.filename, content: Data(buffer: file.data))
        }
        let outcome = try await Self.repository(request).save(stored.summary.id, answers: answers, files: files, by: login.user,
                                                               structure: try GovernanceRequests.structure(request))
        return request.redirect(to: SiteURL.assessment(.value(stored.summary.id)).path(query: "saved=\(outcome.changed.count)"), redirectType: .normal)
    }

    struct WorkbookForm: Content {
        var file: File?
    }

    func importAnswers(_ request: Request) async throws -> Response {
        let login = try Self.answering(request)
        let stored = try await Self.assessment(request)
        let grids = try Self.grids(try request.content.decode(WorkbookForm.self).file, what: "the answers workbook")
        let answers = try AssessmentWorkbook.answers(from: grids, framework: stored.framework, answeredBy: login.user.username)
        let outcome = try await Self.repository(request).save(stored.summary.id, answers: answers, by: login.user, structure: try GovernanceRequests.structure(request))
        return request.redirect(to: SiteURL.assessment(.value(stored.summary.id)).path(query: "saved=\(outcome.changed.count)"), redirectType: .normal)
    }

    func evidence(_ request: Request) async throws -> Response {
        _ = try Self.working(request)
        let stored = try await Self.assessment(request)
        guard let answer = stored.answers[request.parameters.get(SiteURL.Key.indicator) ?? ""], let sha = answer.fileSHA256,
              let file = try await SubmissionRepository(store: request.imdms.store).sourceFile(sha256: sha) else {
            throw WebError.notFound("That answer has no evidence file.")
        }
        return Download.attachment(file.content, type: "application/octet-stream", name: file.name.replacingOccurrences(of: "\"", with: ""))
    }

    /// `/reports/mgi-scorecard?year=2022&compare=2018&format=…`: the latest assessment the reader
    /// may see (published for the public; approved for staff; also submitted ones for those who
    /// answer and review them), compared with the one before it or the year named.
    func scorecard(_ request: Request) async throws -> Response {
        let (document, year) = try await GovernanceRequests.scorecardDocument(request)
        return try await ReportRequests.respond(document, name: "\(ScorecardReport.id)-\(year)", request: request)
    }

}
