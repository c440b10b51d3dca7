import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

/// Habits of the .Stat Data Explorer: labels as names, codes or both; several codes per filter from
/// the page's list boxes; a chart to embed elsewhere.
@Suite("Table builder habits")
struct TableBuilderHabitsTests {
    @Test("Labels as codes, names or both; several codes in one filter; the chart as an image with its embed snippet")
    func habits() async throws {
        try await withIMDMSApp(.sqlite, demoYears: 2024...2025) { app, reference in
            let base = "/datasets/BORDER_CROSSINGS?rows=BORDER_POST&cols=DIRECTION&start=2025-Q4&end=2025-Q4"
            try await app.testing().test(.GET, base + "&labels=both") { response in
                #expect(response.body.string.contains("<th scope=\"row\">MSB: Maseru Bridge</th>"), "\(response.body.string.prefix(200))")
            }
            try await app.testing().test(.GET, base + "&labels=codes") { response in
                #expect(response.body.string.contains("<th scope=\"row\">MSB</th>"))
            }
            try await app.testing().test(.GET, base + "&labels=colours") { #expect($0.status == .badRequest) }
            try await app.testing().test(.GET, "/datasets/BORDER_CROSSINGS/table.csv?rows=BORDER_POST&cols=DIRECTION&start=2025-Q4&end=2025-Q4&labels=codes") {
                #expect($0.status == .ok)
            }

            // Two citizenships chosen in the list box arrive as the same name twice.
            let request = TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "BORDER_POST", columnDimension: "DIRECTION",
                                       filters: ["CITIZENSHIP": ["ZAF", "BWA"]], startPeriod: try Period(parsing: "2025-Q4"), endPeriod: try Period(parsing: "2025-Q4"))
            let expected = try await TableReader(store: app.imdms.store).table(request, reference: reference, visibility: .released(asOf: Date()))
            let total = try #require(expected.grandTotal)
            try await app.testing().test(.GET, base + "&CITIZENSHIP=ZAF&CITIZENSHIP=BWA") { response in
                let page = response.body.string
                #expect(page.contains("<select name=\"CITIZENSHIP\" multiple"))
                #expect(page.contains("<option value=\"ZAF\" selected>") && page.contains("<option value=\"BWA\" selected>"))
                #expect(page.contains(NumberText.grouped(total)), "the table sums both citizenships: \(NumberText.grouped(total))")
                #expect(page.contains("id=\"embed-snippet\"") && page.contains("/datasets/BORDER_CROSSINGS/chart.svg?rows=BORDER%5FPOST"))
            }
            try await app.testing().test(.GET, "/datasets/BORDER_CROSSINGS/chart.svg?rows=BORDER_POST&start=2025-Q4&end=2025-Q4") { response in
                #expect(response.status == .ok && response.headers.contentType?.subType == "svg+xml")
                #expect(response.body.string.hasPrefix("<?xml") && response.body.string.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            }
        }
    }
}
