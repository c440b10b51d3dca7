import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

@Suite("Web intake: the mapping screen's form")
struct MappingFormTests {
    /// The form fields a producer would send for `profile` (what the page pre-fills).
    static func fields(_ profile: ImportProfile, _ structure: DataStructure) -> [String: String] {
        var fields = ["firstDataRow": String(profile.firstDataRow), "valueColumns": profile.valueColumns.joined(separator: ", "),
                      "totalColumns": profile.totalColumns.joined(separator: ","), "totalLabels": profile.totalLabels.joined(separator: ","),
                      "ignoreRows": profile.ignoreRowsStartingWith.joined(separator: ","), "blankCells": profile.blankCells.rawValue,
                      "sheets": profile.sheets?.joined(separator: ",") ?? ""]
        for dimension in structure.dimensions {
            switch profile.dimensions[dimension.id] {
            case let .column(c): fields["dim.\(dimension.id).source"] = "column"; fields["dim.\(dimension.id).value"] = c
            case let .headerRow(r): fields["dim.\(dimension.id).source"] = "headerRow"; fields["dim.\(dimension.id).value"] = String(r)
            case let .fixed(f): fields["dim.\(dimension.id).source"] = "fixed"; fields["dim.\(dimension.id).value"] = f
            case nil: break
            }
        }
        if case .sheetName = profile.period { fields["period.source"] = "sheetName" }
        return fields
    }

    @Test("The form shows the proposed mapping; bad fields come back named; a corrected mapping re-validates the upload", arguments: TestBackend.available)
    func correctMapping(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            let producer = try await IntakeWebTests.session(app, "thabo", .producer, org: "MOHA")
            var location = ""
            try await IntakeWebTests.upload(app, producer, dataset: "BORDER_CROSSINGS", sample: "moha-border-crossings-2022-11-12.xlsx") {
                location = $0.headers.first(name: .location) ?? ""
            }
            try await IntakeWebTests.post(app, location + "/alias", producer, ["codelist": "CL_BORDER_POST", "text": "Ficksburg Bridge (Maputsoe)", "code": "MPT"]) { _ in }
            let structure = try #require(app.imdms.reference.structure("BORDER_CROSSINGS"))
            let file = IncomingFile(name: "ha.xlsx", data: try Data(contentsOf: try MiniXLSX.sample("moha-border-crossings-2022-11-12.xlsx")))
            let proposed = try #require(ProfileProposer(structure: structure, codelists: app.imdms.reference.codelistsByID).propose(try file.grids(), codelists: app.imdms.reference.codelistsByID).profile)
            #expect(proposed.period == .sheetName)
            try await app.testing().test(.GET, location, headers: ["Cookie": IntakeWebTests.cookie(producer)]) { response in
                let body = response.body.string
                #expect(body.contains("id=\"mapping\""))
                #expect(body.contains("name=\"valueColumns\" value=\"\(proposed.valueColumns[0])"))
                #expect(body.contains("<option value=\"sheetName\" selected>"))
            }
            var bad = Self.fields(proposed, structure)
            bad["valueColumns"] = "C-B, 12"
            bad["firstDataRow"] = "zero"
            bad["period.source"] = "fixed"
            bad["period.value"] = "2022-13"
            try await IntakeWebTests.post(app, location + "/mapping", producer, bad) { response in
                #expect(response.status == .badRequest)
                let body = response.body.string
                #expect(body.contains("First data row ‘zero’ is not a row number."))
                #expect(body.contains("Value columns: ‘C-B’ is not a column"))
                #expect(body.contains("Value columns: ‘12’ is not a column"))
                #expect(body.contains("Period: ‘2022-13’ does not fit"))
                #expect(body.contains("value=\"C-B, 12\""), "the producer's input is kept")
            }
            var oneSheet = Self.fields(proposed, structure)
            oneSheet["sheets"] = try file.grids().first?.name ?? ""
            try await IntakeWebTests.post(app, location + "/mapping", producer, oneSheet) { #expect($0.status == .seeOther) }
            try await app.testing().test(.GET, location, headers: ["Cookie": IntakeWebTests.cookie(producer)]) { response in
                #expect(response.body.string.contains("96 observations would be stored for 2022-11;"), "only the first sheet is read now")
            }
            #expect(try await SubmissionRepository(store: app.imdms.store).list().isEmpty, "nothing stored before submitting")
        }
    }
}
