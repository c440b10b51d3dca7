import IMDMSCore
import Vapor

/// Headers every response carries: no framing, no inline script, no MIME sniffing, no referrer
/// leaking across sites; no caching of signed-in pages; HSTS behind https.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// `Strict-Transport-Security` when IMDMS is served over https (`IMDMS_PUBLIC_URL`).
    var hsts: String?

    /// Styles from the site's stylesheet and, inline, only the report stylesheet (by its hash).
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' \(ReportRenderer.stylesheetPolicySource); "
        + "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "strict-origin-when-cross-origin")
        // What a signed-in user sees (a new password, a token's secret, unpublished data) is never
        // kept by a browser's or a proxy's cache.
        if request.login != nil { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        if let hsts { response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: hsts) }
        return response
    }
}
