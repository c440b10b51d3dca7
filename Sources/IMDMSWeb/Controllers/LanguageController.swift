import IMDMSCore
import Vapor

/// The language switch: `/language/st?back=/datasets/X` keeps the choice in a cookie for a year and
/// returns to the page (an address on this site only).
struct LanguageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.language(.key), use: choose)
    }

    func choose(_ request: Request) async throws -> Response {
        guard let language = request.parameters.get(SiteURL.Key.language).flatMap(Language.init(rawValue:)) else {
            throw WebError.notFound("IMDMS speaks " + Language.allCases.map { "\($0.name) (\($0.rawValue))" }.joined(separator: " and ") + ".")
        }
        let back = request.query[String.self, at: "back"] ?? "/"
        let safe = back.hasPrefix("/") && !back.hasPrefix("//") && !back.contains("\\") ? back : "/"
        let response = request.redirect(to: safe, redirectType: .normal)
        response.cookies[LanguageMiddleware.cookie] = HTTPCookies.Value(
            string: language.rawValue, maxAge: 365 * 24 * 3600, path: "/", isSecure: request.imdms.settings.isHTTPS, isHTTPOnly: true, sameSite: .lax)
        return response
    }
}
