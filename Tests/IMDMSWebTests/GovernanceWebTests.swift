import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

/// Two assessments — 2018 through the web form (with an evidence file), 2022 from a workbook —
/// scored as worked out by hand (GovernanceScoringTests), submitted, approved, compared in the
/// scorecard (web page, XLSX read by openpyxl, CSV); an answer changes after approval only once a
/// data manager reopens the year, and the change is in the audit trail.
@Suite("Migration governance on the web: form, workbook, workflow, scorecard")
struct GovernanceWebTests {
    static let framework = "MGI@illustrative-1"

    static func multipart(_ fields: [(String, String)], files: [(field: String, name: String, data: Data)]) -> (String, ByteBuffer) {
        let boundary = "imdms-governance-boundary"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for file in files {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(data: body))
    }

    /// Creates the assessment of `year` through the page's form; returns its id.
    static func create(_ app: Application, _ session: SessionRepository.Session, year: Int) async throws -> String {
        var location = ""
        try await IntakeWebTests.post(app, "/governance/assessments", session, ["year": String(year), "framework": framework]) { response in
            #expect(response.status == .seeOther, "\(response.body.string.prefix(300))")
            location = response.headers.first(name: .location) ?? ""
        }
        return String(location.split(separator: "/").last ?? "")
    }

    /// The current scores of a year: the observations of the assessment's latest submission.
    static func stored(_ store: Store, year: Int) async throws -> [String: Double] {
        guard let submission = try await AssessmentRepository(store: store).list().first(where: { $0.year == year })?.submissionID else { return [:] }
        let observations = try await SubmissionRepository(store: store).observations(of: submission)
        return Dictionary(observations.map { ($0.seriesKey, $0.value ?? .nan) }, uniquingKeysWith: { a, _ in a })
    }

    static func expectScores(_ values: [String: Double], _ expected: (domains: [Double], sdg: [Double], overall: Double)) {
        #expect(values.count == 13, "\(values)")
        #expect(abs((values["_T.MGI"] ?? -1) - expected.overall) < 1e-9)
        for (index, (mgi, sdg)) in zip(expected.domains, expected.sdg).enumerated() {
            #expect(abs((values["D\(index + 1).MGI"] ?? -1) - mgi) < 1e-4, "D\(index + 1).MGI")
            #expect(abs((values["D\(index + 1).SDG1072"] ?? -1) - sdg) < 1e-4, "D\(index + 1).SDG1072")
        }
    }

    @Test("Form and workbook assessments score as by hand; approval locks; reopening allows a change, which is audited", arguments: TestBackend.available)
    func journey(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            let ncc = try await IntakeWebTests.session(app, "palesa", .producer, org: "NCC")
            let manager = try await IntakeWebTests.session(app, "dm", .dataManager, org: "BOS")
            let cookie = ["Cookie": IntakeWebTests.cookie(ncc)]

            // 2018 through the form: every indicator, evidence text and link, one file.
            let first = try await Self.create(app, ncc, year: 2018)
            var fields: [(String, String)] = [("csrf", ncc.csrfToken)]
            for (code, answer) in GovernanceFixtures.answers2018.sorted(by: { $0.key < $1.key }) {
                fields += [("answer[\(code)]", answer), ("evidence[\(code)]", "Evidence for \(code)"), ("link[\(code)]", "")]
            }
            fields.append(("link[MGI-2.1.2]", "https://www.gov.ls/migration-policy"))
            let (type, body) = Self.multipart(fields, files: [("file[MGI-2.1.2]", "policy.pdf", Data("%PDF-1.4 national migration policy".utf8))])
            var headers = HTTPHeaders(cookie.map { ($0.key, $0.value) })
            headers.replaceOrAdd(name: .contentType, value: type)
            try await app.testing().test(.POST, "/governance/assessments/\(first)", headers: headers, body: body) { response in
                #expect(response.status == .seeOther, "\(response.body.string.prefix(500))")
                #expect(response.headers.first(name: .location)?.hasSuffix("saved=24") == true)
            }
            Self.expectScores(try await Self.stored(app.imdms.store, year: 2018), GovernanceFixtures.expected2018)
            try await app.testing().test(.GET, "/governance/assessments/\(first)", headers: HTTPHeaders(cookie.map { ($0.key, $0.value) })) { response in
                let page = response.body.string
                #expect(page.contains("Overall score: 63.8%") && page.contains("policy.pdf") && page.contains("https://www.gov.ls/migration-policy"))
            }
            try await app.testing().test(.GET, "/governance/assessments/\(first)/evidence/MGI-2.1.2", headers: HTTPHeaders(cookie.map { ($0.key, $0.value) })) { response in
                #expect(response.body.string == "%PDF-1.4 national migration policy")
            }

            // 2022 from a workbook; a bad workbook first stores nothing and names the cell.
            let second = try await Self.create(app, ncc, year: 2022)
            func workbook(_ answers: [String: String]) throws -> Data {
                let rows: [[XLSXWriter.Cell]] = [AssessmentWorkbook.columns.map { .text($0, .header) }]
                    + answers.sorted(by: { $0.key < $1.key }).map { [.text($0.key), .text($0.value), .text("Reviewed in 2022"), .text("")] }
                return try XLSXWriter(sheets: [XLSXWriter.Sheet(name: "answers", rows: rows)]).data()
            }
            var bad = GovernanceFixtures.answers2022
            bad["MGI-3.1.1"] = "perhaps"
            for (data, status) in [(try workbook(bad), HTTPStatus.unprocessableEntity), (try workbook(GovernanceFixtures.answers2022), .seeOther)] {
                let (type, body) = IntakeWebTests.multipart(["csrf": ncc.csrfToken], file: ("answers-2022.xlsx", data))
                try await app.testing().test(.POST, "/governance/assessments/\(second)/workbook", headers: ["Cookie": IntakeWebTests.cookie(ncc), "Content-Type": type], body: body) { response in
                    #expect(response.status == status, "\(response.body.string.prefix(400))")
                    if status == .unprocessableEntity {
                        #expect(response.body.string.contains("Sheet ‘answers’, row"), "\(response.body.string.prefix(400))")
                        #expect(response.body.string.contains("column answer (‘perhaps’)"))
                    }
                }
                if status == .unprocessableEntity { #expect(try await Self.stored(app.imdms.store, year: 2022).isEmpty) }
            }
            Self.expectScores(try await Self.stored(app.imdms.store, year: 2022), GovernanceFixtures.expected2022)

            // The data manager approves both scores submissions (the ordinary workflow).
            let assessments = try await AssessmentRepository(store: app.imdms.store).list()
            #expect(assessments.map(\.status) == ["submitted", "submitted"])
            for assessment in assessments {
                try await IntakeWebTests.post(app, "/submissions/\(assessment.submissionID!.uuidString)/approve", manager, [:]) { #expect($0.status == .seeOther) }
            }

            // The scorecard compares them: web page, XLSX (openpyxl), CSV.
            let managerCookie = HTTPHeaders([("Cookie", IntakeWebTests.cookie(manager))])
            try await app.testing().test(.GET, "/reports/mgi-scorecard?format=html", headers: managerCookie) { response in
                let page = response.body.string
                #expect(response.status == .ok)
                #expect(page.contains("In 2022 Lesotho&#39;s overall migration governance score was 77.5%, up 13.8 points from 63.8% in 2018.")
                        || page.contains("In 2022 Lesotho's overall migration governance score was 77.5%, up 13.8 points from 63.8% in 2018."), "\(page.prefix(3000))")
                #expect(page.contains("<svg") && page.contains("Indicators that improved") && page.contains("MGI-6.2.1"))
            }
            // The JSON API lists the scorecard with the other reports and gives it whole.
            try await app.testing().test(.GET, "/api/reports", headers: managerCookie) { response in
                #expect(response.body.string.contains("\"id\":\"mgi-scorecard\"") && response.body.string.contains("\"latestPeriod\":\"2022\""), "\(response.body.string)")
            }
            try await app.testing().test(.GET, "/api/reports/mgi-scorecard?period=2022&compare=2018", headers: managerCookie) { response in
                struct Report: Decodable { struct Section: Decodable { struct Plain: Decodable { var rows: [[String]] }; var title: String; var plainTables: [Plain] }; var period: String; var sections: [Section] }
                let report = try response.content.decode(Report.self)
                #expect(report.period == "2022" && report.sections.first?.title == "Overall score")
                #expect(report.sections.first?.plainTables.first?.rows.contains { $0.contains("77.5") } == true, "\(report.sections.first?.plainTables ?? [])")
            }
            try await app.testing().test(.GET, "/api/reports") { response in
                #expect(response.status == .ok && !response.body.string.contains("mgi-scorecard"), "the public has no scorecard before publication")
            }
            var xlsx = Data()
            try await app.testing().test(.GET, "/reports/mgi-scorecard?year=2022&compare=2018&format=xlsx", headers: managerCookie) { response in
                #expect(response.status == .ok)
                xlsx = Data(buffer: response.body)
            }
            if Python.available(["openpyxl"]) {
                let out = try Python.run("""
                    import sys, openpyxl
                    wb = openpyxl.load_workbook(sys.argv[1])
                    for ws in wb.worksheets:
                        if "Scores by domain" in ws.title:
                            for row in ws.iter_rows(min_row=3, values_only=True):
                                if row[0]: print(row[0], row[1], row[2], row[3])
                    """, arguments: [try Python.temporaryFile(xlsx, suffix: ".xlsx")])
                let lines = out.split(separator: "\n").map(String.init)
                #expect(lines.count == 6, "\(out)")
                #expect(lines.first == "Migrants' rights 37.5 75 37.5", "\(out)")
                #expect(lines.contains("Well-being of migrants 37.5 50 12.5") && lines.last == "Safe, orderly and regular migration 87.5 75 -12.5", "\(out)")
            }
            if backend == .sqlite, PDFPrinter.browser(environment: ProcessInfo.processInfo.environment) != nil || ProcessInfo.processInfo.environment["CI"] == "true" {
                try await app.testing().test(.GET, "/reports/mgi-scorecard?format=pdf", headers: managerCookie) { response in
                    #expect(response.status == .ok && Data(buffer: response.body).starts(with: Array("%PDF".utf8)))
                }
            }
            for (query, status) in [("year=2018&compare=2022", HTTPStatus.badRequest), ("year=2019", .notFound), ("year=twenty", .badRequest)] {
                try await app.testing().test(.GET, "/reports/mgi-scorecard?\(query)", headers: managerCookie) { #expect($0.status == status, "\(query)") }
            }
            // The public sees no scorecard until the scores are published.
            try await app.testing().test(.GET, "/reports/mgi-scorecard") { #expect($0.status == .notFound) }

            // After approval an answer cannot change …
            let change: [(String, String)] = [("csrf", ncc.csrfToken), ("answer[MGI-4.1.2]", "yes"), ("evidence[MGI-4.1.2]", "Labour market study 2023")]
            let (changeType, changeBody) = Self.multipart(change, files: [])
            var changeHeaders = HTTPHeaders(cookie.map { ($0.key, $0.value) })
            changeHeaders.replaceOrAdd(name: .contentType, value: changeType)
            try await app.testing().test(.POST, "/governance/assessments/\(second)", headers: changeHeaders, body: changeBody) { response in
                #expect(response.status == .conflict && response.body.string.contains("a data manager must reopen it"), "\(response.body.string.prefix(400))")
            }
            Self.expectScores(try await Self.stored(app.imdms.store, year: 2022), GovernanceFixtures.expected2022)
            // … until the data manager reopens the year.
            let approved2022 = try #require(assessments.first { $0.year == 2022 }?.submissionID)
            try await IntakeWebTests.post(app, "/submissions/\(approved2022.uuidString)/reopen", manager, [:]) { #expect($0.status == .seeOther) }
            try await app.testing().test(.POST, "/governance/assessments/\(second)", headers: changeHeaders, body: changeBody) { response in
                #expect(response.status == .seeOther && response.headers.first(name: .location)?.hasSuffix("saved=1") == true, "\(response.body.string.prefix(400))")
            }
            // D4 becomes (0.5+1+0.5+1)/4 = 75.
            #expect(try await Self.stored(app.imdms.store, year: 2022)["D4.MGI"] == 75)
            let audit = try await AuditRepository(store: app.imdms.store).entries()
            let entry = try #require(audit.last { $0.action == "assessment.answer" && $0.subject.hasSuffix("MGI-4.1.2") })
            #expect(entry.actor == "user:palesa" && entry.before?.hasPrefix("No") == true && entry.after?.hasPrefix("Yes; evidence: Labour market study 2023") == true)
            let resubmitted = try await AssessmentRepository(store: app.imdms.store).list().first { $0.year == 2022 }
            #expect(resubmitted?.status == "submitted" && resubmitted?.submissionID != approved2022)
        }
    }

    @Test("A framework workbook imported by a data manager becomes a new version; the same version again is refused")
    func frameworkImport() async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            let manager = try await IntakeWebTests.session(app, "dm", .dataManager, org: "BOS")
            let rows: [[XLSXWriter.Cell]] = [FrameworkWorkbook.indicatorColumns.map { .text($0, .header) },
                                             ["D1", "Migrants' rights", "D1.1", "Health", "N-1", "Health care for migrants?", "yes_no", "1"].map { .text($0) },
                                             ["D6", "Safe, orderly and regular migration", "D6.1", "Borders", "N-2", "Electronic records?", "absent_partial_complete", "1"].map { .text($0) }]
            let data = try XLSXWriter(sheets: [XLSXWriter.Sheet(name: "indicators", rows: rows)]).data()
            for status in [HTTPStatus.seeOther, .conflict] {
                let (type, body) = IntakeWebTests.multipart(["csrf": manager.csrfToken, "id": "MGI", "version": "2025-national", "title": "National list"], file: ("mgi.xlsx", data))
                try await app.testing().test(.POST, "/governance/frameworks", headers: ["Cookie": IntakeWebTests.cookie(manager), "Content-Type": type], body: body) { response in
                    #expect(response.status == status, "\(response.body.string.prefix(300))")
                }
            }
            try await app.testing().test(.GET, "/reports") { response in
                #expect(response.body.string.contains("id=\"report-mgi-scorecard\""), "the scorecard is offered with the other reports")
            }
            let frameworks = try await AssessmentRepository(store: app.imdms.store).frameworks()
            #expect(Set(frameworks.map(\.id)) == ["MGI@illustrative-1", "MGI@2025-national"])
            #expect(try await AssessmentRepository(store: app.imdms.store).framework("MGI@2025-national")?.indicators.count == 2)
        }
    }
}
