import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// A dataset's page: its metadata and a table whose rows, columns, filters and period range
/// come from the query string, so the URL reproduces the table.
struct DatasetController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.dataset(.key), use: show)
        routes.get(SiteURL.dataset(.key, .tableXLSX), use: xlsx)
        routes.get(SiteURL.dataset(.key, .tableCSV), use: csv)
        routes.get(SiteURL.dataset(.key, .chart), use: chart)
        routes.post(SiteURL.dataset(.key, .disclosure), use: changeRule)
    }

    struct RuleForm: Content {
        var threshold: String
    }

    /// A data manager sets the threshold; every public output follows from the next read.
    func changeRule(_ request: Request) async throws -> Response {
        let login = try Access.require(request, "change a disclosure rule", Access.reviews)
        let structure = try await TableRequests.structure(request)
        let form = try request.content.decode(RuleForm.self)
        guard let threshold = Int(form.threshold.trimmingCharacters(in: .whitespaces)), threshold >= 0 else {
            throw WebError.badRequest("The threshold must be a whole number, 0 for none: ‘\(form.threshold)’ is not.")
        }
        try await DisclosureRules(store: request.imdms.store).change(structure.id, threshold: threshold, by: login.user)
        return request.redirect(to: SiteURL.dataset(.value(structure.id)).path(query: "rule=changed"), redirectType: .normal)
    }

    func xlsx(_ request: Request) async throws -> Response {
        let (structure, table) = try await TableRequests.table(request)
        let data = try TableExport(table: table, structure: Localizer.current.structure(structure), codelists: Localizer.current.codelists, labels: try TableRequests.labels(request), words: Localizer.current.translations).xlsx()
        return Download.attachment(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "\(structure.id).xlsx")
    }

    func csv(_ request: Request) async throws -> Response {
        let (structure, table) = try await TableRequests.table(request)
        let text = TableExport(table: table, structure: Localizer.current.structure(structure), codelists: Localizer.current.codelists, labels: try TableRequests.labels(request), words: Localizer.current.translations).csv()
        return Download.attachment(Data(text.utf8), type: "text/csv; charset=utf-8", name: "\(structure.id).csv")
    }

    /// The table's chart alone, as an SVG image (what the embed snippet shows on other sites).
    func chart(_ request: Request) async throws -> Response {
        let (structure, table) = try await TableRequests.table(request)
        guard let svg = DatasetPage.chartSVG(table: table, structure: Localizer.current.structure(structure), reference: request.imdms.reference, labels: try TableRequests.labels(request)) else {
            throw WebError.notFound("No observations match this choice.")
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
        return Response(status: .ok, headers: headers, body: .init(string: SVG.standalone(svg)))
    }

    func show(_ request: Request) async throws -> Response {
        let context = request.imdms
        let (structure, table) = try await TableRequests.table(request)
        let coverage = try await DatasetSummaryReader(store: context.store).coverage(visibility: request.visibility)[structure.id]
        var page = DatasetPage(structure: Localizer.current.structure(structure), reference: context.reference, request: table.request, table: table, coverage: coverage)
        page.labels = try TableRequests.labels(request)
        page.siteAddress = context.settings.siteAddress
        if let login = request.login, Access.reviews(login.user) { page.ruleForm = login.csrfToken }
        page.ruleChanged = request.url.query?.contains("rule=changed") == true
        return page.render(login: request.login).response()
    }

}
