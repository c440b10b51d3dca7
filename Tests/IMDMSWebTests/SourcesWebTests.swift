import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

@Suite("Sources page: the coverage check and the source rule, for data managers")
struct SourcesWebTests {
    static let extract = """
        crossing_time,port_of_entry,direction,document_type,document_number,surname,given_names,sex,date_of_birth,nationality,country_of_residence,purpose
        2022-11-03T08:00,Maseru Bridge,OUT,Passport,RA1000001,A,B,F,1990-01-01,LSO,LSO,Work
        2022-11-20T17:30,Maseru Bridge,IN,Passport,RA1000001,A,B,F,1990-01-01,LSO,LSO,Work
        2022-11-21T09:10,Maputsoe Bridge,OUT,Passport,RA1000002,C,D,M,1985-05-05,LSO,LSO,Visit

        """

    @Test("A data manager sees the report and the records side by side, then makes the records current for November")
    func page() async throws {
        try await withIMDMSApp(.sqlite) { app, reference in
            let store = app.imdms.store
            _ = try await HomeAffairsSample.store(IntakeService(store: store, reference: reference))
            let records = try await MovementService(store: store, reference: reference, pseudonymiser: try Pseudonymiser(key: Data(repeating: 9, count: 32)))
                .importFile(Data(Self.extract.utf8), fileName: "x.csv", actor: "test")
            #expect(records.problems.isEmpty && !records.derivedSubmissions.isEmpty, "\(records.problems)")
            let manager = try await IntakeWebTests.session(app, "palesa", .dataManager, org: "BOS")
            try await app.testing().test(.GET, "/datasets/BORDER_CROSSINGS/sources", headers: ["Cookie": IntakeWebTests.cookie(manager)]) { response in
                let page = response.body.string
                #expect(response.status == .ok)
                #expect(page.contains("<td>2022-11</td><th>Total</th><td class=\"num\">1,129,575</td><td class=\"num\">3</td><td class=\"num\">-1,129,572</td><td>reported</td>"), "\(page.suffix(3000))")
                #expect(page.contains("Maseru Bridge"))
            }
            try await IntakeWebTests.post(app, "/datasets/BORDER_CROSSINGS/sources", manager, ["first": "2022-11", "last": "2022-11", "source": "records"]) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("<td>2022-11</td><th>Total</th><td class=\"num\">1,129,575</td><td class=\"num\">3</td><td class=\"num\">-1,129,572</td><td>records</td>"))
            }
            let table = try await TableReader(store: store).table(
                TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "DIRECTION", startPeriod: try Period(parsing: "2022-11"), endPeriod: try Period(parsing: "2022-11")),
                reference: reference, visibility: .allCurrent)
            #expect(table.grandTotal == 3)
            try await app.testing().test(.GET, "/datasets/RETURNS/sources", headers: ["Cookie": IntakeWebTests.cookie(manager)]) { #expect($0.status == .notFound) }
        }
    }
}
