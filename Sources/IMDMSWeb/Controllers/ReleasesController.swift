import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// Scheduled releases for the public (D54): the latest releases, their Atom feed, and each report
/// as it was released.
struct ReleasesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.releases, use: index)
        routes.get(SiteURL.releasesFeed, use: feed)
        routes.get(SiteURL.releaseDocument(.key, .key), use: document)
    }

    func index(_ request: Request) async throws -> Response {
        let releases = try await ReleaseRepository(store: request.imdms.store).list()
        return ReleasesPage(releases: releases, times: ReleaseTimeText(timeZone: request.imdms.settings.timeZone)).render(login: request.login).response()
    }

    func feed(_ request: Request) async throws -> Response {
        let releases = try await ReleaseRepository(store: request.imdms.store).list()
        let xml = AtomFeed(title: "IMDMS \(request.imdms.reference.countryName): latest releases", links: .site(request.imdms.settings.siteAddress), releases: releases).xml()
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: xml))
    }

    func document(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get(SiteURL.Key.release).flatMap(UUID.init(uuidString:)),
              let html = try await ReleaseRepository(store: request.imdms.store).document(release: id, report: request.parameters.get("reportID") ?? "") else {
            throw WebError.notFound("There is no such report in the releases.")
        }
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: .ok, headers: headers, body: .init(string: html))
    }
}
