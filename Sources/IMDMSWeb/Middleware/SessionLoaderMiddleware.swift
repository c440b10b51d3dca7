import IMDMSStorage
import Vapor

/// Loads the session named by the session cookie; an unknown, forged or expired cookie is
/// simply no session.
struct SessionLoaderMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = request.cookies[AuthCookies.session]?.string {
            request.login = try await SessionRepository(store: request.imdms.store).find(token: token)
        }
        return try await next.respond(to: request)
    }
}
