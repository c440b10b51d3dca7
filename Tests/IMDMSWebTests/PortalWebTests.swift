import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

/// The public portal: the catalogue with metadata, last update and next release, downloads in
/// public scope, and the page explaining the APIs; the JSON API in public scope.
@Suite("Public portal and the JSON API's public scope")
struct PortalWebTests {
    @Test("The catalogue shows each dataset's metadata, last update, announced next release and downloads", arguments: TestBackend.available)
    func catalogue(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            _ = try await SDMXWebTests.publishFixture(app)
            try await app.testing().test(.GET, "/") { response in
                let body = response.body.string
                let card = try #require(body.range(of: "id=\"TIP_VICTIMS\"").map { String(body[$0.lowerBound...].prefix(4000)) })
                #expect(card.contains("<dt>Source</dt>") && card.contains("<dt>Methodology</dt>") && card.contains("<dt>Contact</dt>"))
                #expect(card.contains("<dt>Last update</dt><dd>20"), "a date")
                #expect(card.contains("<dt>Next release</dt><dd>20"), "the embargo's end is announced")
                #expect(card.contains("6 observations"), "only the released quarter is counted")
                #expect(card.contains("href=\"/sdmx/2.1/data/TIP_VICTIMS?format=csv\"") && card.contains("href=\"/datasets/TIP_VICTIMS/table.xlsx\""))
                #expect(card.contains("href=\"/reports/trafficking\""), "the report drawing on it")
                let other = try #require(body.range(of: "id=\"REMITTANCES\"").map { String(body[$0.lowerBound...].prefix(3000)) })
                #expect(other.contains("<dt>Next release</dt><dd>Not announced</dd>"))
            }
            try await app.testing().test(.GET, "/developers") { response in
                let body = response.body.string
                #expect(body.contains("/sdmx/2.1/dataflow/LS_BOS/all/latest") && body.contains("sdmx.Client(&quot;LS_BOS&quot;)"))
                #expect(body.contains("/sdmx/v2/data/dataflow/LS_BOS/") && body.contains("href=\"/openapi.json\""))
                #expect(body.contains("Authorization: Bearer TOKEN"))
            }
        }
    }

    @Test("The JSON API gives anonymous callers neither embargoed nor unpublished figures", arguments: TestBackend.available)
    func jsonScope(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            _ = try await SDMXWebTests.publishFixture(app)
            for path in ["/api/datasets/TIP_VICTIMS/table?rows=EXPLOITATION&cols=TIME_PERIOD&start=2022-Q4&end=2023-Q2",
                         "/api/datasets/TIP_VICTIMS/table?rows=TIME_PERIOD&cols=SEX&start=2022&end=2023&freq=A",
                         "/api/reports/trafficking?period=2023", "/api/datasets"] {
                try await app.testing().test(.GET, path) { response in
                    let body = response.body.string
                    #expect(!body.contains("777") && !body.contains("555"), "\(path): \(body.prefix(300))")
                    #expect(!body.contains(/"value":[12](\.0)?[,}]/), "\(path): a small count")
                }
            }
            try await app.testing().test(.GET, "/api/datasets") { response in
                let list = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]])
                let tip = try #require(list.first { $0["id"] as? String == "TIP_VICTIMS" })
                #expect(tip["observationCount"] as? Int == 6 && tip["lastPeriod"] as? String == "2022-Q4")
            }
        }
    }
}
