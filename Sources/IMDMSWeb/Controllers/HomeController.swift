import IMDMSCore
import IMDMSStorage
import Vapor

/// The home page: every dataset with its metadata and how much data it holds.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home, use: home)
        routes.get(SiteURL.stylesheet, use: stylesheet)
        routes.get(SiteURL.script, use: script)
        routes.get(SiteURL.health) { _ in "ok" }
    }

    func home(_ request: Request) async throws -> Response {
        let context = request.imdms
        let coverage = try await DatasetSummaryReader(store: context.store).coverage(visibility: request.visibility)
        let synthetic = try await SubmissionRepository(store: context.store).syntheticSubmissionCount() > 0
        let calendar = try await ReleaseCalendarReader(store: context.store).calendar(visibility: request.visibility)
        var page = HomePage(
            countryName: context.reference.countryName,
            datasets: context.reference.structures.map { structure in
                HomePage.Entry(
                    structure: structure,
                    organisation: context.reference.organisations.first { $0.id == structure.organisationID }?.name ?? structure.organisationID,
                    coverage: coverage[structure.id],
                    calendar: calendar[structure.id],
                    reports: context.reports.reports.filter { $0.sections.contains { $0.dataset == structure.id } }
                )
            },
            showsSyntheticData: synthetic,
            times: ReleaseTimeText(timeZone: context.settings.timeZone)
        )
        let builder = ReportBuilder(store: context.store, reference: context.reference, library: context.reports,
                                    visibility: request.visibility, disclosureControl: request.disclosureControl,
                                    translations: Localizer.current.translations)
        if let period = try await builder.defaultPeriod(context.reports.dashboard) {
            page.dashboard = try await builder.make(context.reports.dashboard, period: period)
        }
        if let user = request.login?.user, Access.seesSubmissions(user) {
            page.pending = try await WorkflowRepository(store: context.store).pending(for: user)
            page.reference = context.reference
        }
        return page.render(login: request.login).response()
    }

    func stylesheet(_ request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .css
        headers.cacheControl = .init(isPublic: true, maxAge: 3600)
        return Response(status: .ok, headers: headers, body: .init(string: Stylesheet.css))
    }

    func script(_ request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        headers.cacheControl = .init(isPublic: true, maxAge: 3600)
        return Response(status: .ok, headers: headers, body: .init(string: Script.js))
    }
}
