import Foundation
import IMDMSCore
import IMDMSTestSupport
import Testing
import VaporTesting

@Suite("JSON API")
struct APITests {
    struct DatasetJSON: Decodable {
        var id: String
        var frequency: String
        var dimensions: [DataDimension]
        var observationCount: Int
        var lastPeriod: String?
    }

    @Test("GET /api/datasets lists every dataset with its structure and coverage", arguments: TestBackend.available)
    func datasets(backend: TestBackend) async throws {
        try await withIMDMSApp(backend, demoYears: 2022...2022) { app, reference in
            try await app.testing().test(.GET, "/api/datasets") { response in
                #expect(response.status == .ok)
                #expect(response.headers.contentType == .json)
                let list = try JSONDecoder().decode([DatasetJSON].self, from: Data(response.body.readableBytesView))
                #expect(list.map(\.id).sorted() == reference.structures.map(\.id).sorted())
                let border = try #require(list.first { $0.id == "BORDER_CROSSINGS" })
                #expect(border.frequency == "M")
                #expect(border.dimensions.first?.codelistID == "CL_BORDER_POST")
                #expect(border.observationCount > 0)
                #expect(border.lastPeriod == "2022-12")
            }
        }
    }

    @Test("GET /api/codelists/{id} returns the codelist; an unknown id is a JSON 404")
    func codelists() async throws {
        try await withIMDMSApp(.sqlite) { app, reference in
            try await app.testing().test(.GET, "/api/codelists/CL_AREA") { response in
                #expect(response.status == .ok)
                let list = try JSONDecoder().decode(Codelist.self, from: Data(response.body.readableBytesView))
                #expect(list == reference.codelistsByID["CL_AREA"])
                #expect(list["ZAF"]?.aliases.contains("RSA") == true)
            }
            try await app.testing().test(.GET, "/api/codelists/CL_NOPE") { response in
                #expect(response.status == .notFound)
                #expect(response.headers.contentType == .json)
                #expect(response.body.string.contains("There is no codelist 'CL_NOPE'."))
            }
        }
    }
}
