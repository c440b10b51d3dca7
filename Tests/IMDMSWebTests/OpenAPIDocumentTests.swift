import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

/// `/openapi.json` describes exactly the JSON API that is registered: every `/api` route is in
/// the document with its method and path parameters, and every documented operation exists.
/// (schemathesis checks the responses against it in CI: `.ci/api.sh`.)
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test("Every /api route is documented and every documented operation is a route")
    func matchesRoutes() async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            var document: [String: Any] = [:]
            try await app.testing().test(.GET, "/openapi.json") { response in
                #expect(response.status == .ok)
                #expect(response.headers.contentType?.description.hasPrefix("application/json") == true)
                document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            }
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let registered = Set(app.routes.all.map(RouteAccessTests.routeKey).filter { $0.contains(" /api/") }.map { key in
                key.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            })
            #expect(registered.subtracting(documented).sorted() == [], "routes missing from /openapi.json")
            #expect(documented.subtracting(registered).sorted() == [], "documented operations that do not exist")
        }
    }

    @Test("The JSON API's new reads answer as documented: codelists, reports, submissions with a token")
    func reads() async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            _ = try await SDMXWebTests.publishFixture(app)
            try await app.testing().test(.GET, "/api/codelists") { response in
                let list = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]])
                #expect(list.first { $0["id"] as? String == "CL_SEX" }?["codeCount"] as? Int == 4)
            }
            try await app.testing().test(.GET, "/api/reports") { response in
                let list = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]])
                #expect(list.first { $0["id"] as? String == "trafficking" }?["latestPeriod"] as? String == "2022", "the embargoed 2023 is not offered (an annual report): \(list)")
            }
            try await app.testing().test(.GET, "/api/reports/trafficking") { response in
                let report = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
                #expect(report["period"] as? String == "2022")
                let tables = (report["sections"] as? [[String: Any]] ?? []).flatMap { $0["tables"] as? [[String: Any]] ?? [] }
                #expect(!tables.isEmpty)
                #expect(response.body.string.contains(/"value":[0-9]/), "the tables carry values")
                #expect(!response.body.string.contains(/"value":[12](\.0)?[,}]/), "no small count in the public report")
            }
            let token = try await APITokenRepository(store: app.imdms.store).create(name: "t", role: .dataManager, organisationID: "BOS", by: "test").secret
            try await app.testing().test(.GET, "/api/submissions?dataset=TIP_VICTIMS", headers: ["Authorization": "Bearer \(token)"]) { response in
                let list = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]])
                #expect(Set(list.compactMap { $0["status"] as? String }) == ["published", "submitted"], "\(list)")
                let published = try #require(list.first { $0["status"] as? String == "published" }?["id"] as? String)
                try await app.testing().test(.GET, "/api/submissions/\(published)", headers: ["Authorization": "Bearer \(token)"]) { one in
                    let body = try #require(try JSONSerialization.jsonObject(with: Data(one.body.string.utf8)) as? [String: Any])
                    let history = try #require(body["history"] as? [[String: Any]])
                    #expect(history.compactMap { $0["toStatus"] as? String }.contains("published"))
                }
            }
            try await app.testing().test(.GET, "/api/submissions") { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
