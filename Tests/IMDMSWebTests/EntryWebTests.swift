import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import SQLKit
import Testing
import VaporTesting

/// The data-entry form: typed figures take the upload's path (preview, submit, review); a value that
/// is not a number is named; a returned submission is corrected in the form and replaced.
@Suite("Data-entry form")
struct EntryWebTests {
    static let maseruArrivalsWomen = "v.MSB.ARR.WORLD.F._T._T"

    @Test("A producer types a month, sees the preview, submits; returned, corrects it in the form; the correction replaces it",
          arguments: TestBackend.available)
    func entry(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            let producer = try await IntakeWebTests.session(app, "thabo", .producer, org: "MOHA")
            let manager = try await IntakeWebTests.session(app, "palesa", .dataManager, org: "BOS")
            let headers = HTTPHeaders([("Cookie", IntakeWebTests.cookie(producer))])
            try await app.testing().test(.GET, "/intake/form?dataset=BORDER_CROSSINGS&period=2023-01", headers: headers) { response in
                let page = response.body.string
                #expect(response.status == .ok)
                #expect(page.contains("name=\"\(Self.maseruArrivalsWomen)\""), "posts down, direction × sex across, the rest totals")
                #expect(page.contains("Every value is for Age: Total; Citizenship: Total; Purpose of travel: Total") || page.contains("Every value is for"), "\(page.prefix(200))")
            }
            // A value that is not a number is named; nothing is kept.
            let form = ["dataset": "BORDER_CROSSINGS", "period": "2023-01", "rows": "BORDER_POST", "cols": "DIRECTION,SEX",
                        "fixed.CITIZENSHIP": "WORLD", "fixed.AGE": "_T", "fixed.PURPOSE": "_T"]
            try await IntakeWebTests.post(app, "/intake/form", producer, form.merging([Self.maseruArrivalsWomen: "12O"]) { a, _ in a }) { response in
                #expect(response.status == .badRequest)
                #expect(response.body.string.contains("Maseru Bridge, Arrival · Female: ‘12O’ is not a number"), "\(response.body.string.suffix(2000))")
                #expect(response.body.string.contains("value=\"12O\""), "what was typed stays in the form")
            }
            struct Count: Decodable { var n: Int }
            let uploads = try await app.imdms.store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("uploads").first(decoding: Count.self)?.n
            #expect(uploads == 0, "nothing kept from a form with a wrong value")

            // Valid figures: a draft upload with the ordinary preview, then submitted.
            let typed = form.merging([Self.maseruArrivalsWomen: "1,204", "v.MSB.DEP.WORLD.M._T._T": "880", "v.MPT.ARR.WORLD.F._T._T": "0"]) { a, _ in a }
            var location = ""
            try await IntakeWebTests.post(app, "/intake/form", producer, typed) { response in
                #expect(response.status == .seeOther)
                location = response.headers.first(name: .location) ?? ""
            }
            #expect(location.hasPrefix("/intake/uploads/"))
            try await app.testing().test(.GET, location, headers: headers) { response in
                #expect(response.body.string.contains("3 observations would be stored for 2023-01"), "\(response.body.string.prefix(3000))")
            }
            try await IntakeWebTests.post(app, location + "/submit", producer, [:]) { #expect($0.body.string.contains("Stored 3 observations")) }
            let first = try #require(try await SubmissionRepository(store: app.imdms.store).list(datasetID: "BORDER_CROSSINGS").first)
            #expect(first.status == .submitted && first.channel == .web)
            let values = Dictionary(uniqueKeysWithValues: try await SubmissionRepository(store: app.imdms.store).observations(of: first.id).map { ($0.seriesKey, $0.value) })
            #expect(values == ["MSB.ARR.WORLD.F._T._T": 1204, "MSB.DEP.WORLD.M._T._T": 880, "MPT.ARR.WORLD.F._T._T": 0])

            // Returned; corrected in the form (its values filled in); the correction replaces it.
            try await IntakeWebTests.post(app, "/submissions/\(first.id.uuidString)/return", manager, ["comment": "Maseru Bridge women: 1,240?"]) { #expect($0.status == .seeOther) }
            try await app.testing().test(.GET, "/submissions/\(first.id.uuidString)", headers: headers) { response in
                #expect(response.body.string.contains("href=\"/intake/form?from=\(first.id.uuidString)\""))
            }
            try await app.testing().test(.GET, "/intake/form?from=\(first.id.uuidString)", headers: headers) { response in
                #expect(response.body.string.contains("name=\"\(Self.maseruArrivalsWomen)\" inputmode=\"decimal\" autocomplete=\"off\" size=\"8\" aria-label=\"Maseru Bridge, Arrival · Female\" value=\"1204\""))
            }
            try await IntakeWebTests.post(app, "/intake/form", producer, typed.merging([Self.maseruArrivalsWomen: "1240"]) { _, corrected in corrected }) { response in
                location = response.headers.first(name: .location) ?? ""
            }
            try await IntakeWebTests.post(app, location + "/submit", producer, [:]) { #expect($0.body.string.contains("Stored 3 observations")) }
            #expect(try await SubmissionRepository(store: app.imdms.store).find(first.id)?.status == .superseded)
        }
    }
}
