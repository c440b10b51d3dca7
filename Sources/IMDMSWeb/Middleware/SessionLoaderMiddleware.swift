import IMDMSStorage
import Vapor

/// Loads who is calling: under `/api/` and `/sdmx/`, a machine's `Authorization: Bearer` token (an unknown or
/// revoked one is refused with 401, not treated as anonymous); otherwise the session named by the
/// session cookie (for `/api/` reads only), where an unknown, forged or expired cookie is simply no session.
struct SessionLoaderMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let machine = Self.isMachinePath(request.url.path)
        if machine, let bearer = request.headers.bearerAuthorization {
            guard let user = try await APITokenRepository(store: request.imdms.store).user(forSecret: bearer.token) else {
                throw WebError(status: .unauthorized, reason: "The API token is unknown, revoked or expired.")
            }
            // Tokens carry no cookie, so there is no CSRF token to check: `/api/` is exempt.
            request.login = SessionRepository.Session(token: "", user: user, csrfToken: "")
        } else if let token = request.cookies[AuthCookies.session]?.string,
                  !machine || [.GET, .HEAD].contains(request.method) {
            // A cookie never authorises an API write: those carry no CSRF token, so they need a bearer token.
            request.login = try await SessionRepository(store: request.imdms.store).find(token: token)
        }
        return try await next.respond(to: request)
    }

    /// The paths for machines (`/api/`, `/sdmx/`): bearer tokens, no CSRF, cookies for reads only.
    static func isMachinePath(_ path: String) -> Bool {
        path.hasPrefix(SiteURL.apiPrefix) || path.hasPrefix(SiteURL.sdmxPrefix)
    }
}
