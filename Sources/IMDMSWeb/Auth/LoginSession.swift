import IMDMSCore
import IMDMSStorage
import Vapor

/// The signed-in user of a request, if any, loaded by `SessionLoaderMiddleware`.
extension Request {
    private struct LoginKey: StorageKey { typealias Value = SessionRepository.Session }

    var login: SessionRepository.Session? {
        get { storage[LoginKey.self] }
        set { storage[LoginKey.self] = newValue }
    }

    /// The data this caller may see: released data for the public, viewers and producers;
    /// approved and embargoed data too for the staff who prepare releases.
    var visibility: DataVisibility { DataVisibility.of(login?.user.role) }

    /// Whether tables for this caller go through disclosure control (everyone outside the
    /// restricted roles, the public included).
    var disclosureControl: Bool { !(login?.user.role.seesConfidentialCells ?? false) }
}

/// The cookie names, public for tests and operators' proxies.
public enum AuthCookieNames {
    public static let session = "imdms_session"
    /// The pre-login CSRF token (double-submit): the login form's hidden field must equal it.
    public static let loginCSRF = "imdms_csrf"
}

/// Cookie attributes in one place.
enum AuthCookies {
    static let session = AuthCookieNames.session
    static let loginCSRF = AuthCookieNames.loginCSRF

    /// HttpOnly always; Secure when IMDMS is served over https (`IMDMS_PUBLIC_URL`) or the request
    /// came over TLS (directly or via a proxy).
    static func make(_ value: String, for request: Request, maxAge: Int?, sameSite: HTTPCookies.SameSitePolicy) -> HTTPCookies.Value {
        let secure = request.application.imdms.settings.isHTTPS || request.url.scheme == "https"
            || request.headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https"
        return HTTPCookies.Value(string: value, expires: nil, maxAge: maxAge, domain: nil, path: "/", isSecure: secure,
                                 isHTTPOnly: true, sameSite: sameSite)
    }
}
