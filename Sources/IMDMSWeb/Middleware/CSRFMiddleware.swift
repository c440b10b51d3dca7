import Vapor

/// Every state-changing form post carries a `csrf` field equal to the session's token (or, before
/// login, to the login CSRF cookie). `/api` is for machines with tokens, not cookies, and is
/// checked by its own authentication.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "csrf"
    /// The largest body read to find the token: the intake's upload limit for signed-in users.
    static let signedInBodyLimit = 64 * 1024 * 1024
    static let anonymousBodyLimit = 64 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(request.method), !SessionLoaderMiddleware.isMachinePath(request.url.path) else {
            return try await next.respond(to: request)
        }
        // A running server streams large bodies (uploads): collect them before reading the
        // field. Signed-in users may send up to the upload limit; anonymous posts (login) are small.
        if request.body.data == nil {
            let limit = request.login == nil ? Self.anonymousBodyLimit : Self.signedInBodyLimit
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
