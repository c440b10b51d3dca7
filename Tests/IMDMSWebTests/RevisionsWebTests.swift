import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

@Suite("Revisions page: provisional estimates of derived months and the figures that stand, for data managers")
struct RevisionsWebTests {
    static let header = "crossing_time,port_of_entry,direction,document_type,document_number,surname,given_names,sex,date_of_birth,nationality,country_of_residence,purpose\n"
    /// Two residents leave in March 2022: one for good by the data's end (a long-term departure), one
    /// not yet 12 months away (provisional); a third crossing sets the end of the data.
    static let first = header + """
        2022-03-01T08:00,Maseru Bridge,OUT,Passport,RA1000004,A,B,F,1990-01-01,LSO,LSO,Work
        2022-03-10T08:00,Maseru Bridge,OUT,Passport,RA1000001,A,B,F,1990-02-01,LSO,LSO,Work
        2023-03-05T10:00,Maseru Bridge,OUT,Passport,RA1000002,C,D,M,1985-05-05,LSO,LSO,Visit

        """
    /// Later data: the second one has now been away 12 months — March 2022 is revised to two, final.
    static let later = header + """
        2023-06-01T10:00,Maseru Bridge,IN,Passport,RA1000002,C,D,M,1985-05-05,LSO,LSO,Visit

        """

    @Test("March 2022's provisional estimate of one long-term departure is revised to two by later records; the page shows both")
    func page() async throws {
        try await withIMDMSApp(.sqlite) { app, reference in
            let store = app.imdms.store
            let service = MovementService(store: store, reference: reference, pseudonymiser: try Pseudonymiser(key: Data(repeating: 9, count: 32)))
            let first = try await service.importFile(Data(Self.first.utf8), fileName: "first.csv", actor: "test")
            #expect(first.longTermDepartures == 1 && first.provisionalMonths.contains("2022-03"), "\(first.longTermDepartures) \(first.provisionalMonths)")
            let later = try await service.importFile(Data(Self.later.utf8), fileName: "later.csv", actor: "test")
            #expect(later.longTermDepartures == 2 && !later.provisionalMonths.contains("2022-03"))
            let manager = try await IntakeWebTests.session(app, "palesa", .dataManager, org: "BOS")
            try await app.testing().test(.GET, "/datasets/MIGRATION_FLOWS/revisions", headers: ["Cookie": IntakeWebTests.cookie(manager)]) { response in
                let page = response.body.string
                #expect(response.status == .ok)
                #expect(page.contains("<tr class=\"revised\"><th scope=\"row\">2022-03</th><td class=\"text\">final</td><td>1</td><td>2</td><td>+1</td>"),
                        "\(page.suffix(2500))")
                #expect(page.contains("1 of 1 periods revised"))
            }
            try await app.testing().test(.GET, "/datasets/RETURNS/revisions", headers: ["Cookie": IntakeWebTests.cookie(manager)]) { #expect($0.status == .notFound) }
            let producer = try await IntakeWebTests.session(app, "thabo", .producer, org: "MOHA")
            try await app.testing().test(.GET, "/datasets/MIGRATION_FLOWS/revisions", headers: ["Cookie": IntakeWebTests.cookie(producer)]) { #expect($0.status == .forbidden) }
        }
    }
}
