import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// Reports at the click of a button: the list, and each report for a period as a web page, XLSX,
/// CSV or PDF. What a report shows follows the reader's role exactly as the table builder does.
struct ReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.reports, use: index)
        routes.get(SiteURL.report(.key), use: show)
    }

    func index(_ request: Request) async throws -> Response {
        var entries: [ReportsPage.Entry] = []
        for report in request.imdms.reports.reports {
            entries.append(.init(report: report, defaultPeriod: try await ReportRequests.builder(request).defaultPeriod(report)))
        }
        return ReportsPage(entries: entries).render(login: request.login).response()
    }

    func show(_ request: Request) async throws -> Response {
        let (report, period, document) = try await ReportRequests.document(request)
        return try await ReportRequests.respond(document, name: "\(report.id)-\(period.formatted)", request: request)
    }

}
