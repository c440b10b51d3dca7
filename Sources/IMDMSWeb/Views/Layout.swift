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
        guard let login else { return "<a href=\"/login\">Log in</a>" }
        return "<span class=\"who\">\(HTML.escape(login.user.displayName)) (\(HTML.escape(login.user.role.rawValue)))</span>"
            + "<form class=\"logout\" method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(login.csrfToken))\">"
            + "<button type=\"submit\">Log out</button></form>"
    }

    var html: String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) · IMDMS</title>
        <link rel="stylesheet" href="/static/imdms.css">
        </head>
        <body>
        <header class="site"><a class="brand" href="/">IMDMS</a> <span>Integrated Migration Data Management System</span>
        <nav><a href="/">Datasets</a> \(login == nil ? "" : "<a href=\"/intake\">Submit data</a> ")<a href="/api/datasets">API</a> \(account)</nav></header>
        <main>
        \(body)
        </main>
        <footer class="site">IMDMS · District boundaries © OpenStreetMap contributors (ODbL), via geoBoundaries. Country boundaries: Natural Earth.</footer>
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
