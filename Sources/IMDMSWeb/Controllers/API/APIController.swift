import IMDMSCore
import IMDMSStorage
import Vapor

/// The JSON API described by `/openapi.json`: the dataset catalogue (coverage as the caller may
/// see it), codelists, tables (the table builder's queries), reports, and submissions — files
/// sent and their status — for machines holding an API token (`Authorization: Bearer …`).
struct APIController: RouteCollection {
    struct DatasetDTO: Content {
        var id: String
        var name: String
        var version: String
        var organisation: String
        var frequency: String
        var measure: Measure
        var disclosureThreshold: Int
        var dimensions: [DataDimension]
        var metadata: DatasetMetadata
        var observationCount: Int
        var firstPeriod: String?
        var lastPeriod: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.api(.datasets), use: datasets)
        routes.get(SiteURL.api(.codelists), use: codelists)
        routes.get(SiteURL.api(.codelist(.key)), use: codelist)
        routes.get(SiteURL.api(.submissions), use: submissions)
        routes.get(SiteURL.api(.submission(.key)), use: submission)
        routes.get(SiteURL.api(.reports), use: reports)
        routes.get(SiteURL.api(.report(.key)), use: report)
        routes.get(SiteURL.api(.table(.key)), use: table)
        routes.post(SiteURL.api(.datasetSubmissions(.key)), collecting: BodyLimits.uploadSize, use: submit)
    }

    struct SubmitQuery: Content {
        var filename: String?
        var dryRun: Bool?
    }

    /// A file as the request body (`?filename=` names it; `?dryRun=true` only checks): stored as a
    /// submission like a web upload through the producer's saved profile or a proposed one. 201
    /// with the summary when stored, 422 with every problem when refused, 200 for a dry run.
    func submit(_ request: Request) async throws -> Response {
        let login = try Access.requireLogin(request)
        let datasetID = request.parameters.get(SiteURL.Key.dataset) ?? ""
        guard let structure = request.imdms.reference.structure(datasetID) else { throw WebError.notFound("There is no dataset '\(datasetID)'.") }
        guard Access.canSubmit(login.user, to: structure) else {
            throw WebError(status: .forbidden, reason: "A \(login.user.role.rawValue) of \(login.user.organisationID ?? "no organisation") cannot submit to \(datasetID).")
        }
        let query = try request.query.decode(SubmitQuery.self)
        guard let body = request.body.data, body.readableBytes > 0 else { throw WebError.badRequest("The request body is empty: send the file as the body.") }
        let file = IncomingFile(name: query.filename ?? "upload", data: Data(buffer: body))
        let outcome = try await IntakeService(store: request.imdms.store, reference: request.imdms.reference).importFile(
            file, datasetID: datasetID, channel: .api, organisationID: login.user.organisationID ?? structure.organisationID,
            submittedBy: nil, actor: "\(login.user.username), role \(login.user.role.rawValue)", dryRun: query.dryRun ?? false)
        let status: HTTPResponseStatus = switch outcome { case .stored: .created; case .rejected: .unprocessableEntity; case .checked: .ok }
        let response = Response(status: status)
        try response.content.encode(ImportSummary(outcome), as: .json)
        return response
    }

    func datasets(_ request: Request) async throws -> [DatasetDTO] {
        let context = request.imdms
        let coverage = try await DatasetSummaryReader(store: context.store).coverage(visibility: request.visibility)
        let thresholds = try await DisclosureRules(store: context.store).thresholds()
        return context.reference.structures.map { s in
            DatasetDTO(
                id: s.id, name: s.name, version: s.version, organisation: s.organisationID, frequency: s.frequency.rawValue,
                measure: s.measure, disclosureThreshold: thresholds[s.id] ?? s.disclosureThreshold, dimensions: s.dimensions, metadata: s.metadata,
                observationCount: coverage[s.id]?.observationCount ?? 0,
                firstPeriod: coverage[s.id]?.firstPeriod, lastPeriod: coverage[s.id]?.lastPeriod
            )
        }
    }

    /// The same table as the dataset page for the same query string, as JSON (withheld cells
    /// have no value and carry their `confidentiality`).
    func table(_ request: Request) async throws -> Response {
        let (_, table) = try await TableRequests.table(request)
        let response = Response(status: .ok)
        try response.content.encode(table, as: .json)
        return response
    }

    func codelist(_ request: Request) async throws -> Response {
        let id = request.parameters.get(SiteURL.Key.codelist) ?? ""
        guard let list = request.imdms.reference.codelistsByID[id] else {
            throw WebError.notFound("There is no codelist '\(id)'.")
        }
        let response = Response(status: .ok)
        try response.content.encode(list, as: .json)
        return response
    }

    func codelists(_ request: Request) async throws -> [APIModels.CodelistSummary] {
        request.imdms.reference.codelists.map { APIModels.CodelistSummary(id: $0.id, name: $0.name, codeCount: $0.codes.count) }
    }

    func submissions(_ request: Request) async throws -> [APIModels.SubmissionDTO] {
        try await SubmissionRequests.listed(request).submissions.map { APIModels.SubmissionDTO($0) }
    }

    func submission(_ request: Request) async throws -> APIModels.SubmissionDTO {
        let login = try Access.require(request, "see submissions", Access.seesSubmissions)
        let submission = try await SubmissionRequests.submission(request, login)
        return APIModels.SubmissionDTO(submission, history: try await WorkflowRepository(store: request.imdms.store).history(of: submission.id))
    }

    func reports(_ request: Request) async throws -> [APIModels.ReportSummary] {
        var result: [APIModels.ReportSummary] = []
        for report in request.imdms.reports.reports {
            let latest = try await ReportRequests.builder(request).defaultPeriod(report)
            result.append(.init(id: report.id, title: report.title, description: report.description, frequency: report.frequency.rawValue,
                                latestPeriod: latest?.formatted, formats: ["json", "html", "xlsx", "csv", "pdf"]))
        }
        // The governance scorecard, when the reader may see an assessment.
        if let (document, year) = try? await GovernanceRequests.scorecardDocument(request) {
            let definition = document.definition
            result.append(.init(id: definition.id, title: definition.title, description: definition.description, frequency: Frequency.annual.rawValue,
                                latestPeriod: String(year), formats: ["json", "html", "xlsx", "csv", "pdf"]))
        }
        return result
    }

    func report(_ request: Request) async throws -> APIModels.ReportDTO {
        // As the OpenAPI document says: empty or a year 1900–2999.
        if let compare = request.query[String.self, at: "compare"], !compare.isEmpty,
           compare.count != 4 || !compare.allSatisfy(\.isASCII) || Int(compare).map({ !(1900...2999).contains($0) }) ?? true {
            throw WebError.badRequest("The compare ‘\(compare)’ is not a year such as 2018.")
        }
        if request.parameters.get(SiteURL.Key.report) == ScorecardReport.id {
            let (document, year) = try await GovernanceRequests.scorecardDocument(request)
            return APIModels.ReportDTO(document.definition, period: try Period(parsing: String(year)), document: document)
        }
        let (report, period, document) = try await ReportRequests.document(request)
        return APIModels.ReportDTO(report, period: period, document: document)
    }
}
