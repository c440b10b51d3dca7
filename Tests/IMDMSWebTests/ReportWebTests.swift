import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import SQLKit
import Testing
import VaporTesting

@Suite("Reports at a click: every report in every format, numbers checked against independent SQL")
struct ReportWebTests {
    static let formats = ["html", "xlsx", "csv"]

    /// The sum an independent query gives: published observations of one dataset with one code
    /// at one position, over the given periods.
    static func sqlSum(_ store: Store, dataset: String, position: Int, code: String, periods: [String]) async throws -> Double {
        struct Row: Decodable { var v: Double? }
        let column = SQLIdentifier("k\(position)")
        let row = try await store.sql.raw("""
            SELECT SUM(o.value) AS v FROM observations o JOIN submissions s ON s.id = o.submission_id
            WHERE o.dataset_id = \(bind: dataset) AND o.\(column) = \(bind: code) AND o.period IN (\(binds: periods)) AND s.status = 'published'
            """).first(decoding: Row.self)
        return row?.v ?? 0
    }

    static func get(_ app: Application, _ path: String) async throws -> (HTTPStatus, Data) {
        var result: (HTTPStatus, Data) = (.internalServerError, Data())
        try await app.testing().test(.GET, path) { result = ($0.status, Data(buffer: $0.body)) }
        return result
    }

    /// Every report in every format answers, and the PDF (where Chromium is installed) has pages
    /// that are not blank.
    static func renderAll(_ app: Application, periods: [String: String], pdf: Bool) async throws {
        for (report, period) in periods.sorted(by: { $0.key < $1.key }) {
            for format in formats {
                let (status, data) = try await get(app, "/reports/\(report)?period=\(period)&format=\(format)")
                #expect(status == .ok, "\(report) \(format): \(String(decoding: data.prefix(300), as: UTF8.self))")
                #expect(data.count > 500, "\(report) \(format)")
            }
        }
        guard pdf else { return }
        guard PDFPrinter.browser(environment: ProcessInfo.processInfo.environment) != nil || ProcessInfo.processInfo.environment["CI"] == "true" else {
            Skips.note("no Chromium for the PDF check (.ci/tools.sh installs it)")
            return
        }
        for (report, period) in periods.sorted(by: { $0.key < $1.key }) {
            let (status, pdf) = try await get(app, "/reports/\(report)?period=\(period)&format=pdf")
            #expect(status == .ok, "\(report) pdf")
            #expect(pdf.starts(with: Array("%PDF".utf8)), "\(report) pdf")
            let path = try Python.temporaryFile(pdf, suffix: ".pdf")
            let out = try Python.run("""
                import subprocess, sys, glob
                prefix = sys.argv[1] + "-page"
                subprocess.run(["pdftoppm", "-r", "30", "-gray", sys.argv[1], prefix], check=True)
                pages = sorted(glob.glob(prefix + "*.pgm"))
                dark = 0
                for page in pages:
                    pixels = open(page, "rb").read().split(b"\\n", 3)[3]
                    if sum(1 for b in pixels if b < 128) > 100: dark += 1
                print(len(pages), dark)
                """, arguments: [path])
            let counts = out.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            #expect(counts.count == 2 && counts[0] >= 1 && counts[0] == counts[1], "\(report): pages and non-blank pages: \(out)")
        }
        // Asked again for the same data, the PDFs are the ones already printed.
        let printed = await app.imdms.printedReports.printed
        for (report, period) in periods.sorted(by: { $0.key < $1.key }) {
            let (status, again) = try await get(app, "/reports/\(report)?period=\(period)&format=pdf")
            #expect(status == .ok && again.starts(with: Array("%PDF".utf8)), "\(report) pdf again")
        }
        #expect(await app.imdms.printedReports.printed == printed, "nothing printed twice")
    }

    @Test("On the national demo data", arguments: TestBackend.available)
    func demo(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            _ = try await DemoLoader(store: app.imdms.store, reference: app.imdms.reference).load()
            try await Self.renderAll(app, periods: ["quarterly-bulletin": "2025-Q4", "festive-border": "2024-12", "trafficking": "2025", "labour-profile": "2025"], pdf: backend == .sqlite)
            // The demo's two published governance assessments make a public scorecard.
            for format in Self.formats {
                let (status, data) = try await Self.get(app, "/reports/mgi-scorecard?format=\(format)")
                #expect(status == .ok && data.count > 500, "scorecard \(format): \(String(decoding: data.prefix(300), as: UTF8.self))")
            }
            let (_, scorecard) = try await Self.get(app, "/reports/mgi-scorecard")
            #expect(String(decoding: scorecard, as: UTF8.self).contains("In 2024 Lesotho"), "the latest published assessment, compared with 2020")
            let quarter = ["2025-10", "2025-11", "2025-12"]
            let arrivals = try await Self.sqlSum(app.imdms.store, dataset: "BORDER_CROSSINGS", position: 2, code: "ARR", periods: quarter)
            let (_, html) = try await Self.get(app, "/reports/quarterly-bulletin?period=2025-Q4")
            let page = String(decoding: html, as: UTF8.self)
            #expect(page.contains("In Q4 2025, \(NumberText.grouped(arrivals)) arrivals"), "the narrative quotes the SQL total \(arrivals)")
            #expect(page.contains("<svg"), "charts and maps drawn")
            #expect(page.contains("Synthetic demo data"))
            // Boundaries are credited by the maps that draw them, inside the figure, and by nothing else.
            let (_, festive) = try await Self.get(app, "/reports/festive-border?period=2024-12")
            let (_, labour) = try await Self.get(app, "/reports/labour-profile?period=2025")
            let festivePage = String(decoding: festive, as: UTF8.self), labourPage = String(decoding: labour, as: UTF8.self)
            #expect(!festivePage.contains("OpenStreetMap") && !festivePage.contains("Natural Earth"),
                    "a report without a map names no boundaries")
            #expect(labourPage.contains("Boundaries: Natural Earth") && labourPage.contains("© OpenStreetMap contributors, geoBoundaries"),
                    "a report with a world map and a districts map credits both")

            let maseru = try await Self.sqlSum(app.imdms.store, dataset: "BORDER_CROSSINGS", position: 1, code: "MSB", periods: quarter)
            let (_, xlsx) = try await Self.get(app, "/reports/quarterly-bulletin?period=2025-Q4&format=xlsx")
            if Python.available(["openpyxl"]) {
                let out = try Python.run("""
                    import sys, openpyxl
                    wb = openpyxl.load_workbook(sys.argv[1])
                    ws = wb[wb.sheetnames[1]]
                    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == 'Maseru Bridge')
                    print(wb.sheetnames[1], '|', row[3], '|', ws.freeze_panes)
                    """, arguments: [try Python.temporaryFile(xlsx, suffix: ".xlsx")])
                #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "1 Crossings by port of entry | \(Int(maseru)) | B4", "\(out)")
            }
        }
    }

    @Test("On the ministries' sample files, imported and published", arguments: TestBackend.available)
    func samples(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            let store = app.imdms.store, reference = app.imdms.reference
            let intake = IntakeService(store: store, reference: reference)
            try await AliasRepository(store: store).confirm("Ficksburg Bridge (Maputsoe)", code: "MPT", codelist: reference.codelistsByID["CL_BORDER_POST"]!, organisationID: "MOHA")
            try await AliasRepository(store: store).confirm("Other / unknown", code: "_U", codelist: reference.codelistsByID["CL_EXPLOITATION"]!, organisationID: "LMPS")
            let manager = User(username: "palesa", displayName: "Palesa", role: .dataManager, organisationID: "BOS")
            try await UserRepository(store: store).create(manager, passwordHash: "unused")
            for (file, dataset, organisation) in [("moha-border-crossings-2022-11-12.xlsx", "BORDER_CROSSINGS", "MOHA"),
                                                  ("mole-labour-migrants-2022.csv", "LABOUR_MIGRATION", "MOLE"),
                                                  ("police-tip-victims-2022.xlsx", "TIP_VICTIMS", "LMPS")] {
                let incoming = IncomingFile(name: file, data: try Data(contentsOf: try MiniXLSX.sample(file)))
                let outcome = try await intake.importFile(incoming, datasetID: dataset, channel: .web, organisationID: organisation)
                guard case let .stored(submission, _) = outcome else { Issue.record("\(file): \(outcome.preview.problems)"); continue }
                try await WorkflowRepository(store: store).perform(.approve, on: submission.id, by: manager)
                try await WorkflowRepository(store: store).perform(.publish, on: submission.id, by: manager)
            }
            try await Self.renderAll(app, periods: ["quarterly-bulletin": "2022-Q4", "festive-border": "2022-12", "trafficking": "2022", "labour-profile": "2022"], pdf: backend == .sqlite)
            let arrivals = try await Self.sqlSum(store, dataset: "BORDER_CROSSINGS", position: 2, code: "ARR", periods: ["2022-10", "2022-11", "2022-12"])
            #expect(arrivals > 0)
            let (_, html) = try await Self.get(app, "/reports/quarterly-bulletin?period=2022-Q4")
            #expect(String(decoding: html, as: UTF8.self).contains("In Q4 2022, \(NumberText.grouped(arrivals)) arrivals"))
            let (_, csv) = try await Self.get(app, "/reports/trafficking?period=2022&format=csv")
            for line in String(decoding: csv, as: UTF8.self).split(separator: "\r\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                if let value = Double(fields[fields.count - 3]) { #expect(!(value > 0 && value < 3), "the public trafficking report shows \(line)") }
            }
            let (status, _) = try await Self.get(app, "/reports/quarterly-bulletin?period=2022-13")
            #expect(status == .badRequest)
            let (wrong, body) = try await Self.get(app, "/reports/trafficking?period=2022-Q4")
            #expect(wrong == .badRequest)
            #expect(String(decoding: body, as: UTF8.self).contains("made for a annual period") || String(decoding: body, as: UTF8.self).contains("annual period"))
        }
    }
}
