import IMDMSCore
import IMDMSTestSupport
import Testing
import VaporTesting

@Suite("Web pages")
struct PageTests {
    @Test("The home page lists every dataset with its metadata", arguments: TestBackend.available)
    func home(backend: TestBackend) async throws {
        try await withIMDMSApp(backend, demoYears: 2022...2022) { app, reference in
            try await app.testing().test(.GET, "/") { response in
                #expect(response.status == .ok)
                #expect(response.headers.contentType == .html)
                let body = response.body.string
                for structure in reference.structures {
                    #expect(body.contains("href=\"/datasets/\(structure.id)\""), "\(structure.id) missing")
                }
                #expect(body.contains("Ministry of Home Affairs"))
                #expect(body.contains("Synthetic demo data"))
                #expect(body.contains("2022-01 to 2022-12"))
            }
        }
    }

    @Test("A dataset page shows a populated table chosen by the query string")
    func datasetTable() async throws {
        try await withIMDMSApp(.sqlite, demoYears: 2022...2022) { app, _ in
            try await app.testing().test(.GET, "/datasets/BORDER_CROSSINGS") { response in
                #expect(response.status == .ok)
                let body = response.body.string
                #expect(body.contains("<table class=\"data\" id=\"data-table\">"))
                #expect(body.contains("Maseru Bridge"))
                #expect(body.contains("<th scope=\"col\">Arrival</th>"))
                #expect(body.contains("Crossings (persons), January 2022 – December 2022"), "the caption names the period range")
            }
            try await app.testing().test(.GET, "/datasets/BORDER_CROSSINGS?rows=SEX&cols=AGE&start=2022-12&end=2022-12&DIRECTION=ARR") { response in
                #expect(response.status == .ok)
                let body = response.body.string
                #expect(body.contains("<th scope=\"row\">Female</th>"))
                #expect(body.contains("<th scope=\"col\">15–24 years</th>"))
                #expect(body.contains("Crossings (persons), December 2022"), "one month is named once")
                #expect(!body.contains("<th scope=\"col\">Arrival</th>"))
            }
        }
    }

    @Test("Bad query values get a 400 page naming the value", arguments: [
        ("/datasets/BORDER_CROSSINGS?start=2022-13", "2022-13"),
        ("/datasets/BORDER_CROSSINGS?rows=COLOUR", "COLOUR"),
        ("/datasets/BORDER_CROSSINGS?SEX=X", "&#39;X&#39; is not a code of CL_SEX"),
    ])
    func badQuery(path: String, fragment: String) async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            try await app.testing().test(.GET, path) { response in
                #expect(response.status == .badRequest)
                #expect(response.body.string.contains(fragment), "\(response.body.string)")
            }
        }
    }

    @Test("Unknown datasets are 404; every response carries the security headers")
    func notFoundAndHeaders() async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            try await app.testing().test(.GET, "/datasets/NOPE") { response in
                #expect(response.status == .notFound)
                #expect(response.body.string.contains("There is no dataset &#39;NOPE&#39;."))
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(response.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true)
            }
            try await app.testing().test(.GET, "/static/imdms.css") { response in
                #expect(response.status == .ok)
                #expect(response.headers.contentType == .css)
            }
        }
    }

    @Test("An empty database shows datasets without data and an empty-table message")
    func emptyDatabase() async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            try await app.testing().test(.GET, "/") { response in
                #expect(response.body.string.contains("No data yet"))
                #expect(!response.body.string.contains("Synthetic demo data"))
            }
            try await app.testing().test(.GET, "/datasets/DIASPORA") { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("No observations match this choice"))
            }
        }
    }
}
