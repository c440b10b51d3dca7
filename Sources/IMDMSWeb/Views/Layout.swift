import Vapor

/// The page frame every HTML page shares: header, navigation, footer with the data credits.
struct Layout {
    var title: String
    var body: String

    init(title: String, body: () -> String) {
        self.title = title
        self.body = body()
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
        <nav><a href="/">Datasets</a> <a href="/api/datasets">API</a></nav></header>
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
