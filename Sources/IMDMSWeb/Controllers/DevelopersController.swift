import Foundation
import IMDMSCore
import Vapor

/// The machine-readable description of the JSON API (`/openapi.json`, shipped as a resource and
/// kept true by the tests and by schemathesis in CI) and the page explaining every API with
/// examples to copy (`/developers`).
struct DevelopersController: RouteCollection {
    static let openAPI: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { fatalError("openapi.json is missing from the IMDMSWeb bundle") }
        return data
    }()

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.openAPI, use: openAPI)
        routes.get(SiteURL.developers, use: developers)
    }

    func openAPI(_ request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(data: Self.openAPI))
    }

    func developers(_ request: Request) async throws -> Response {
        let host = request.headers.first(name: .host) ?? "localhost:8080"
        let scheme = request.headers.first(name: "X-Forwarded-Proto") == "https" ? "https" : "http"
        let reference = request.imdms.reference
        let example = reference.structures.first { $0.dimensions.count > 1 } ?? reference.structures[0]
        let sampleCode = reference.codelistsByID[example.dimensions[0].codelistID]?.leaves.first?.id ?? "_T"
        let page = DevelopersPage(base: "\(scheme)://\(host)", agencyID: reference.agencyID, example: example, sampleCode: sampleCode)
        return page.render(login: request.login).response()
    }
}
