import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// The page frame every HTML page shares: header, navigation, footer with the data credits.
struct Layout {
    var title: String
    var body: String
    var login: SessionRepository.Session?

    init(title: String, login: SessionRepository.Session? = nil, body: () -> String) {
        self.title = title
        self.login = login
        self.body = body()
    }

    /// "Log in", or who is signed in and a logout button (a CSRF-protected form).
    var account: String {
        guard let login else { return "<a href=\"\(SiteURL.login.path)\">\(HTML.escape(T("Log in")))</a>" }
        return "<a class=\"who\" href=\"\(SiteURL.account.path)\">\(HTML.escape(login.user.displayName)) (\(HTML.escape(login.user.role.rawValue)))</a>"
            + "<form class=\"logout\" method=\"post\" action=\"\(SiteURL.logout.path)\">\(HTML.csrfField(login.csrfToken))"
            + "<button type=\"submit\">\(HTML.escape(T("Log out")))</button></form>"
    }

    /// The language switch: the other languages, each a link that comes back to this page.
    var languages: String {
        let here = Localizer.current
        let back = here.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        return "<span class=\"languages\" id=\"languages\">" + Language.allCases.filter { $0 != here.language }.map { language in
            "<a lang=\"\(language.rawValue)\" hreflang=\"\(language.rawValue)\" id=\"language-\(language.rawValue)\" href=\"\(SiteURL.language(.value(language.rawValue)).path(query: "back=\(back)"))\">\(language.name)</a>"
        }.joined(separator: " ") + "</span>"
    }

    /// The links the signed-in user's role can use.
    var staffLinks: String {
        guard let user = login?.user else { return "" }
        var links: [(SiteURL, String)] = []
        if Access.seesSubmissions(user) { links += [(.intake, "Submit data"), (.submissions, "Submissions")] }
        if Access.reviews(user) { links.append((.audit, "Audit trail")) }
        if user.role == .microdataOfficer { links.append((.movements, "Traveller records")) }
        if user.role != .microdataOfficer { links.append((.governance, "Governance")) }
        if user.role == .administrator { links += [(.users, "Users"), (.tokens, "API tokens")] }
        return links.map { "<a href=\"\($0.0.path)\">\(HTML.escape(T($0.1)))</a> " }.joined()
    }

    var html: String {
        """
        <!DOCTYPE html>
        <html lang="\(Localizer.current.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) · IMDMS</title>
        <link rel="stylesheet" href="\(SiteURL.stylesheet.path)">
        <script src="\(SiteURL.script.path)" defer></script>
        </head>
        <body>
        <header class="site"><a class="brand" href="\(SiteURL.home.path)">IMDMS</a> <span>\(HTML.escape(T("Integrated Migration Data Management System")))</span>
        <nav><a href="\(SiteURL.home.path)">\(HTML.escape(T("Datasets")))</a> <a href="\(SiteURL.reports.path)">\(HTML.escape(T("Reports")))</a> <a href="\(SiteURL.releases.path)">\(HTML.escape(T("Releases")))</a> \(staffLinks)<a href="\(SiteURL.developers.path)">\(HTML.escape(T("Data for developers")))</a> \(languages) \(account)</nav></header>
        <main>
        \(body)
        </main>
        <footer class="site">\(HTML.escape(T("IMDMS · District boundaries © OpenStreetMap contributors (ODbL), via geoBoundaries. Country boundaries: Natural Earth.")))</footer>
        </body>
        </html>
        """
    }

    func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}
