import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

@Suite("Traveller records on the web and the API: microdata officer only")
struct MovementsWebTests {
    static let extract = """
        crossing_time,port_of_entry,direction,document_type,document_number,surname,given_names,sex,date_of_birth,nationality,country_of_residence,purpose
        2021-01-01T19:34,Maseru Bridge,OUT,Passport,RA8648080,Mokoena,Teboho,F,1998-04-24,LSO,LSO,Work
        2021-03-02T09:08,Maseru Bridge,IN,Passport,RA8648080,Mokoena,Teboho,F,1998-04-24,LSO,LSO,Returning resident
        2021-01-05T10:40,Van Rooyens Gate,IN,Passport,ZA1234567,Smith,Anna,F,1980-02-01,ZAF,ZAF,Tourism

        """

    static func settings() throws -> AppSettings {
        var settings = AppSettings()
        settings.pseudonymKeyFile = try Python.temporaryFile(Data("a web test key of thirty-two b!!".utf8), suffix: ".key")
        return settings
    }

    @Test("The officer uploads an extract and queries it (audited); other roles are refused; no identity on the page")
    func officer() async throws {
        try await withIMDMSApp(.sqlite, settings: try Self.settings()) { app, _ in
            let officer = try await IntakeWebTests.session(app, "lineo", .microdataOfficer, org: nil)
            let (type, body) = IntakeWebTests.multipart(["csrf": officer.csrfToken], file: ("extract.csv", Data(Self.extract.utf8)))
            try await app.testing().test(.POST, "/movements", headers: ["Cookie": IntakeWebTests.cookie(officer), "Content-Type": type], body: body) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("extract.csv: 3 crossings read, 3 new."), "\(response.body.string.prefix(2000))")
            }
            try await app.testing().test(.GET, "/movements?from=2021-01-01&to=2021-01-31&post=MSB", headers: ["Cookie": IntakeWebTests.cookie(officer)]) { response in
                #expect(response.status == .ok && !response.body.string.contains("<td>2021-01-01T19:34</td>"), "a link runs no query")
            }
            let query = ["from": "2021-01-01", "to": "2021-01-31", "post": "MSB"]
            try await AccountSecurityTests.form(app, "/movements/search", cookie: IntakeWebTests.cookie(officer), query) { response in
                #expect(response.status == .forbidden, "a query without the form's CSRF token (another site's form) is refused")
            }
            #expect(try await AuditRepository(store: app.imdms.store).search(action: "movements.query").isEmpty)
            try await IntakeWebTests.post(app, "/movements/search", officer, query) { response in
                let page = response.body.string
                #expect(page.contains("1 crossings") && page.contains("<td>2021-01-01T19:34</td>"), "\(page.suffix(1500))")
                #expect(!page.contains("RA8648080") && !page.contains("Mokoena") && !page.contains("1998-04-24"))
            }
            let audit = try await AuditRepository(store: app.imdms.store).entries()
            #expect(audit.filter { $0.action == "movements.query" }.map(\.actor) == ["lineo"])
            let analyst = try await IntakeWebTests.session(app, "ana", .analyst, org: nil)
            try await app.testing().test(.GET, "/movements", headers: ["Cookie": IntakeWebTests.cookie(analyst)]) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("API: a microdata officer's token sends an extract (201), the same again adds nothing (200); other tokens 403; no key 503")
    func api() async throws {
        try await withIMDMSApp(.sqlite, settings: try Self.settings()) { app, _ in
            let tokens = APITokenRepository(store: app.imdms.store)
            let officer = try await tokens.create(name: "border-system", role: .microdataOfficer, organisationID: nil, by: "test").secret
            let manager = try await tokens.create(name: "dm", role: .dataManager, organisationID: "BOS", by: "test").secret
            for (token, status, added) in [(officer, HTTPStatus.created, 3), (officer, .ok, 0)] {
                try await app.testing().test(.POST, "/api/movements?filename=extract.csv", headers: ["Authorization": "Bearer \(token)"],
                                             body: ByteBuffer(string: Self.extract)) { response in
                    #expect(response.status == status)
                    let summary = try JSONDecoder().decode(MovementService.Summary.self, from: Data(response.body.string.utf8))
                    #expect(summary.added == added)
                }
            }
            try await app.testing().test(.POST, "/api/movements", headers: ["Authorization": "Bearer \(manager)"], body: ByteBuffer(string: Self.extract)) { response in
                #expect(response.status == .forbidden)
            }
            let submissions = try await SubmissionRepository(store: app.imdms.store).list()
            // Two months of data decide no 12/16-month outcome yet: crossings are derived, no flows.
            #expect(Set(submissions.filter { $0.channel == .system }.map(\.datasetID)) == ["BORDER_CROSSINGS", "BORDER_CROSSINGS_DAILY", "VISITOR_STAYS"])
            #expect(submissions.first { $0.channel == .system && $0.datasetID == "BORDER_CROSSINGS" }?.observationCount == 3)
        }
        try await withIMDMSApp(.sqlite) { app, _ in
            let officer = try await APITokenRepository(store: app.imdms.store).create(name: "b", role: .microdataOfficer, organisationID: nil, by: "t").secret
            try await app.testing().test(.POST, "/api/movements", headers: ["Authorization": "Bearer \(officer)"], body: ByteBuffer(string: Self.extract)) { response in
                #expect(response.status == .serviceUnavailable && response.body.string.contains("IMDMS_PSEUDONYM_KEY_FILE"))
            }
        }
    }

    @Test("An XLSX extract is taken like the same CSV")
    func workbookExtract() async throws {
        try await withIMDMSApp(.sqlite, settings: try Self.settings()) { app, _ in
            let records = try CSVReader(delimiter: UInt8(ascii: ",")).records(in: Array(Self.extract.utf8))
            let sheet = XLSXWriter.Sheet(name: "Extract", rows: records.filter { !$0.isBlank }.map { $0.fields.map { XLSXWriter.Cell(.text($0)) } })
            let workbook = try XLSXWriter(sheets: [sheet]).data()
            let service = MovementService(store: app.imdms.store, reference: app.imdms.reference,
                                          pseudonymiser: try Pseudonymiser(key: Data("a web test key of thirty-two b!!".utf8)))
            let summary = try await service.importFile(workbook, fileName: "extract.xlsx", actor: "test")
            #expect(summary.problems.isEmpty && summary.rows == 3 && summary.added == 3, "\(summary.problems)")
            let again = try await service.importFile(Data(Self.extract.utf8), fileName: "extract.csv", actor: "test")
            #expect(again.added == 0, "the CSV holds the same crossings")
        }
    }
}
