import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// The page frame every HTML page shares: header, navigation, footer with the data credits. A
/// page's `render` returns it and a controller returns that (it is a response itself).
struct Layout: AsyncResponseEncodable {
    var title: String
    var body: Markup
    var login: SessionRepository.Session?
    var status: HTTPResponseStatus = .ok

    init(title: String, login: SessionRepository.Session? = nil, body: () -> Markup) {
        self.title = title
        self.login = login
        self.body = body()
    }

    /// "Log in", or who is signed in and a logout button (a CSRF-protected form).
    var account: Markup {
        guard let login else { return .link(.login, T("Log in")) }
        return .link(.account, "\(login.user.displayName) (\(login.user.role.rawValue))", [.class("who")])
            + .postForm(SiteURL.logout.path, csrf: login.csrfToken, [.class("logout")], .submit(T("Log out")))
    }

    /// The language switch: the other languages, each a link that comes back to this page.
    var languages: Markup {
        let here = Localizer.current
        let back = here.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        return .tag(.span, [.class("languages"), .id("languages")], Language.allCases.filter { $0 != here.language }.map { language in
            Markup.link(SiteURL.language(.value(language.rawValue)).path(query: "back=\(back)"), language.name,
                        [Attribute("lang", language.rawValue), Attribute("hreflang", language.rawValue), .id("language-\(language.rawValue)")])
        }.joined(separator: .space))
    }

    /// The links the signed-in user's role can use.
    var staffLinks: Markup {
        guard let user = login?.user else { return .empty }
        var links: [(SiteURL, String)] = []
        if Access.seesSubmissions(user) { links += [(.intake, "Submit data"), (.submissions, "Submissions")] }
        if Access.reviews(user) { links.append((.audit, "Audit trail")) }
        if user.role == .microdataOfficer { links.append((.movements, "Traveller records")) }
        if user.role != .microdataOfficer { links.append((.governance, "Governance")) }
        if user.role == .administrator { links += [(.users, "Users"), (.tokens, "API tokens")] }
        return links.map { Markup.link($0.0, T($0.1)) + .space }.joined()
    }

    var html: Markup {
        let head = Markup.tag(.head, .newline,
            .tag(.meta, [Attribute("charset", "utf-8")]), .newline,
            .tag(.meta, [.name("viewport"), Attribute("content", "width=device-width, initial-scale=1")]), .newline,
            .tag(.title, text: "\(title) · IMDMS"), .newline,
            .tag(.link, [Attribute("rel", "stylesheet"), .href(.stylesheet)]), .newline,
            .tag(.script, [Attribute("src", SiteURL.script.path), .flag("defer")]), .newline)
        let header = Markup.tag(.header, [.class("site")], .link(.home, "IMDMS", [.class("brand")]), .space,
            .tag(.span, text: T("Integrated Migration Data Management System")), .newline,
            .tag(.nav, .link(.home, T("Datasets")), .space, .link(.reports, T("Reports")), .space, .link(.releases, T("Releases")), .space,
                 staffLinks, .link(.developers, T("Data for developers")), .space, languages, .space, account))
        let footer = Markup.tag(.footer, [.class("site")],
            text: T("IMDMS · District boundaries © OpenStreetMap contributors (ODbL), via geoBoundaries. Country boundaries: Natural Earth."))
        return .document(language: Localizer.current.language.rawValue, head: head,
                         body: .tag(.body, .newline, header, .newline, .tag(.main, .newline, body, .newline), .newline, footer, .newline))
    }

    func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html.html))
    }

    /// The page with another status (a form sent back with its errors).
    func with(status: HTTPResponseStatus) -> Layout {
        var layout = self
        layout.status = status
        return layout
    }

    func encodeResponse(for request: Request) async throws -> Response { response(status: status) }
}
