import Vapor

/// Every state-changing form post carries a `csrf` field equal to the session's token (or, before
/// login, to the login CSRF cookie). `/api` is for machines with tokens, not cookies, and is
/// checked by its own authentication.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(request.method), !SessionLoaderMiddleware.isMachinePath(request.url.path) else {
            return try await next.respond(to: request)
        }
        // A running server streams large bodies (uploads): collect them before reading the field,
        // up to what this route takes (files only on the upload routes; small forms elsewhere).
        let limit = BodyLimits.limit(path: request.url.path, signedIn: request.login != nil)
        if let data = request.body.data {
            guard data.readableBytes <= limit else { throw WebError(status: .payloadTooLarge, reason: "The form is larger than this page takes (\(limit / 1024) kB).") }
        } else {
            _ = try await request.body.collect(max: limit).get()
        }
        let sent = (try? request.content.get(String.self, at: Self.field)) ?? ""
        let expected = request.login?.csrfToken ?? request.cookies[AuthCookies.loginCSRF]?.string ?? ""
        guard !expected.isEmpty, Self.constantTimeEqual(sent, expected) else {
            throw WebError(status: .forbidden, reason: "This form has expired or did not come from IMDMS. Reload the page and try again.")
        }
        return try await next.respond(to: request)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
