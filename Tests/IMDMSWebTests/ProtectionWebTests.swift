import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import Vapor
import VaporTesting

/// The protected cube seen from outside: a value sent as confidential is absent from every
/// output and cannot be worked out; one cell has one published value (or one withheld status)
/// on the page, in the downloads, the JSON API, a report and SDMX; a data manager changes the
/// rule and every output follows.
@Suite("Protection in every public output")
struct ProtectionWebTests {
    static func get(_ app: Application, _ path: String, headers: HTTPHeaders = [:]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.GET, path, headers: headers) { response in result = (response.status, response.body.string) }
        return result
    }

    static func publish(_ app: Application, _ csv: String, dataset: String) async throws -> SessionRepository.Session {
        let outcome = try await IntakeService(store: app.imdms.store, reference: app.imdms.reference)
            .importSDMXCSV(Data(csv.utf8), fileName: "\(dataset).csv", datasetID: dataset, channel: .web)
        guard case let .stored(submission) = outcome else { throw WorkflowTestError.notStored("\(outcome)") }
        let manager = try await IntakeWebTests.session(app, "palesa", .dataManager, org: "BOS")
        try await WorkflowRepository(store: app.imdms.store).perform(.approve, on: submission.id, by: manager.user)
        try await WorkflowRepository(store: app.imdms.store).perform(.publish, on: submission.id, by: manager.user)
        return manager
    }

    /// Labour migration has no threshold; one value (ZAF, B, M: 2,400) is sent as confidential.
    static let labour = """
        DATAFLOW,DESTINATION,SECTOR,SEX,TIME_PERIOD,OBS_VALUE,CONF_STATUS
        LABOUR_MIGRATION,ZAF,B,M,2024-Q1,2400,C
        LABOUR_MIGRATION,ZAF,B,F,2024-Q1,310,F
        LABOUR_MIGRATION,ZAF,A,M,2024-Q1,640,F
        LABOUR_MIGRATION,ZAF,A,F,2024-Q1,420,F
        LABOUR_MIGRATION,BWA,B,M,2024-Q1,95,F
        LABOUR_MIGRATION,BWA,A,F,2024-Q1,60,F
        LABOUR_MIGRATION,NAM,B,M,2024-Q1,70,F

        """

    @Test("A value sent as confidential is in no public output and cannot be worked out", arguments: TestBackend.available)
    func confidentialValue(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            let manager = try await Self.publish(app, Self.labour, dataset: "LABOUR_MIGRATION")
            let query = "start=2024-Q1&end=2024-Q1"
            var outputs: [(String, String)] = []
            for (rows, cols) in [("DESTINATION", "SECTOR"), ("SEX", "SECTOR"), ("DESTINATION", "SEX"), ("SECTOR", "none")] {
                let q = "rows=\(rows)&cols=\(cols)&\(query)"
                outputs.append(("page \(q)", try await Self.get(app, "/datasets/LABOUR_MIGRATION?\(q)").1))
                outputs.append(("csv \(q)", try await Self.get(app, "/datasets/LABOUR_MIGRATION/table.csv?\(q)").1))
                outputs.append(("json \(q)", try await Self.get(app, "/api/datasets/LABOUR_MIGRATION/table?\(q)").1))
            }
            outputs.append(("filtered", try await Self.get(app, "/api/datasets/LABOUR_MIGRATION/table?rows=SEX&cols=none&DESTINATION=ZAF&SECTOR=B&\(query)").1))
            outputs.append(("report", try await Self.get(app, "/api/reports/labour-profile?period=2024").1))
            outputs.append(("report page", try await Self.get(app, "/reports/labour-profile?period=2024").1))
            for format in ["csv", "genericdata", "structurespecificdata", "jsondata"] {
                outputs.append(("sdmx \(format)", try await Self.get(app, "/sdmx/2.1/data/LABOUR_MIGRATION?format=\(format)").1))
            }
            for (name, output) in outputs {
                // An SDMX message's random id ("IMDMS-" and a UUID) held "2400" in one run in a few hundred.
                let body = output.replacing(/IMDMS-[0-9A-F-]{36}/, with: "IMDMS-id")
                #expect(!body.contains("2400") && !body.contains("2,400") && !body.contains("2 400"), "\(name) shows the confidential value")
            }
            let sdmx = try await Self.get(app, "/sdmx/2.1/data/LABOUR_MIGRATION/ZAF.B.M?format=csv").1
            #expect(sdmx.contains(",ZAF,B,M,2024-Q1,,Q,C\r\n"), "\(sdmx)")
            let json = try JSONDecoder().decode(TableResult.self, from: Data(try await Self.get(app, "/api/datasets/LABOUR_MIGRATION/table?rows=SEX&cols=SECTOR&DESTINATION=ZAF&\(query)").1.utf8))
            #expect(json.cell(row: "M", column: "B")?.confidentiality == .confidential)
            #expect(json.cell(row: "M", column: "B")?.value == nil)
            // The XLSX as openpyxl reads it.
            var xlsx = Data()
            try await app.testing().test(.GET, "/datasets/LABOUR_MIGRATION/table.xlsx?rows=SEX&cols=SECTOR&DESTINATION=ZAF&\(query)") { xlsx = Data(buffer: $0.body) }
            if Python.available(["openpyxl"]) {
                let out = try Python.run("""
                    import sys, openpyxl
                    ws = openpyxl.load_workbook(sys.argv[1]).active
                    print(sorted({v for r in ws.iter_rows(values_only=True) for v in r if isinstance(v, (int, float))}))
                    print(sum(1 for r in ws.iter_rows(values_only=True) for v in r if v == 'x'))
                    """, arguments: [try Python.temporaryFile(xlsx, suffix: ".xlsx")])
                #expect(!out.contains("2400"), "\(out)")
                #expect(out.split(separator: "\n").last.flatMap { Int($0) }.map { $0 >= 2 } == true, "withheld cells shown as x: \(out)")
            }
            // A data manager sees it.
            let staff = try await Self.get(app, "/sdmx/2.1/data/LABOUR_MIGRATION/ZAF.B.M?format=csv", headers: ["Cookie": IntakeWebTests.cookie(manager)]).1
            #expect(staff.contains(",2400,A,C\r\n"), "\(staff)")
            // The attacker, against this server, cannot work it out either.
            guard backend == .sqlite, Python.available(["numpy", "scipy"]) else { return }
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            let token = try await APITokenRepository(store: app.imdms.store).create(name: "truth", role: .dataManager, organisationID: "BOS", by: "test").secret
            let report = try await Python.runDetached(AttackerScript.run, arguments: [AttackerScript.path, "--server", "http://127.0.0.1:\(port)", "--token", token,
                                                                                       "--years", "2024", "--datasets", "LABOUR_MIGRATION"])
            #expect(report.contains("\"protected\": 1,"), "\(report)")
            #expect(report.contains("\"(c) LP: protected worked out\": 0"), "\(report)")
            await app.server.shutdown()
        }
    }

    @Test("One cell, one published value or one withheld status: page, XLSX, CSV, JSON, report and SDMX")
    func sameEverywhere() async throws {
        try await withIMDMSApp(.sqlite, demoYears: 2024...2024) { app, _ in
            let year = "rows=EXPLOITATION&cols=SEX&start=2024&end=2024&freq=A"
            let api = try JSONDecoder().decode(TableResult.self, from: Data(try await Self.get(app, "/api/datasets/TIP_VICTIMS/table?\(year)").1.utf8))
            #expect(api.allCells.contains(where: \.isWithheld) || api.allCells.count > 4)
            // The report's table of the same year, rows and columns.
            let reportJSON = try JSONSerialization.jsonObject(with: Data(try await Self.get(app, "/api/reports/trafficking?period=2024").1.utf8)) as? [String: Any]
            let sections = try #require(reportJSON?["sections"] as? [[String: Any]])
            let tables = try #require(sections.first?["tables"] as? [[String: Any]])
            let reportTable = try JSONDecoder().decode(TableResult.self, from: try JSONSerialization.data(withJSONObject: try #require(tables.first?["table"])))
            let csv = try await Self.get(app, "/datasets/TIP_VICTIMS/table.csv?\(year)").1
            let page = try await Self.get(app, "/datasets/TIP_VICTIMS?\(year)").1
            for cell in api.cells {
                let other = reportTable.cell(row: cell.row, column: cell.column)
                #expect(other?.value == cell.value && other?.isWithheld == cell.isWithheld, "report \(cell) vs \(String(describing: other))")
                let value = cell.value.map(NumberText.plain) ?? ""
                let line = csv.split(separator: "\r\n").first { $0.hasPrefix("\(cell.row),") && $0.contains(",\(cell.column),") }
                #expect(line?.hasSuffix(",\(value),\(cell.isWithheld ? "Q,C" : "A,F")") == true, "csv \(cell): \(line ?? "none")")
            }
            #expect(reportTable.grand?.value == api.grand?.value)
            #expect(page.contains(api.grand.flatMap(\.value).map(NumberText.grouped) ?? "–"))
            // A quarter's full keys: the table filtered to one code in every other dimension, and SDMX.
            let sdmx = try await Self.get(app, "/sdmx/2.1/data/TIP_VICTIMS/.F.Y_GE18.LSO.ZAF?startPeriod=2024-Q1&endPeriod=2024-Q1&format=csv").1
            let full = try JSONDecoder().decode(TableResult.self, from: Data(try await Self.get(
                app, "/api/datasets/TIP_VICTIMS/table?rows=EXPLOITATION&cols=none&SEX=F&AGE=Y_GE18&CITIZENSHIP=LSO&EXPLOITATION_COUNTRY=ZAF&start=2024-Q1&end=2024-Q1").1.utf8))
            var compared = 0
            for line in sdmx.split(separator: "\r\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let cell = full.cell(row: fields[1], column: TableResult.totalColumn)
                #expect(cell?.value == Double(fields[7]) && (cell?.isWithheld == true) == (fields[9] == "C"), "\(line) vs \(String(describing: cell))")
                compared += 1
            }
            #expect(compared == 3, "\(sdmx)")
            // The XLSX shows the same numbers.
            var xlsx = Data()
            try await app.testing().test(.GET, "/datasets/TIP_VICTIMS/table.xlsx?\(year)") { xlsx = Data(buffer: $0.body) }
            if Python.available(["openpyxl"]) {
                let out = try Python.run("""
                    import sys, openpyxl
                    ws = openpyxl.load_workbook(sys.argv[1]).active
                    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r and r[0]]
                    print(';'.join(','.join('' if v is None else str(v) for v in r[1:]) for r in rows))
                    """, arguments: [try Python.temporaryFile(xlsx, suffix: ".xlsx")])
                let expected = api.rows.map { row in
                    (api.columns.map { api.cell(row: row.code, column: $0.code) } + [api.rowTotals[row.code]]).map { cell in
                        guard let cell else { return "" }
                        return cell.isWithheld ? "x" : cell.value.map { String(Int($0)) } ?? ""
                    }.joined(separator: ",")
                }
                #expect(out.hasPrefix(expected.joined(separator: ";")), "\(out) vs \(expected)")
            }
        }
    }

    @Test("A data manager changes the threshold: audited, and every output follows; others may not", arguments: TestBackend.available)
    func ruleAsData(backend: TestBackend) async throws {
        try await withIMDMSApp(backend, demoYears: 2024...2024) { app, _ in
            let manager = try await IntakeWebTests.session(app, "palesa", .dataManager, org: "BOS")
            let producer = try await IntakeWebTests.session(app, "thabo", .producer, org: "LMPS")
            let query = "rows=EXPLOITATION&cols=SEX&start=2024&end=2024&freq=A"
            /// The smallest value above 0 the public sees (nil: none).
            func smallest() async throws -> Double? {
                let table = try JSONDecoder().decode(TableResult.self, from: Data(try await Self.get(app, "/api/datasets/TIP_VICTIMS/table?\(query)").1.utf8))
                return table.allCells.compactMap(\.value).filter { $0 > 0 }.min()
            }
            func post(_ session: SessionRepository.Session, _ threshold: String) async throws -> HTTPStatus {
                var status = HTTPStatus.internalServerError
                try await app.testing().test(.POST, "/datasets/TIP_VICTIMS/disclosure", beforeRequest: { request in
                    request.headers.replaceOrAdd(name: .cookie, value: IntakeWebTests.cookie(session))
                    try request.content.encode(["csrf": session.csrfToken, "threshold": threshold], as: .urlEncodedForm)
                }) { status = $0.status }
                return status
            }
            let page = try await Self.get(app, "/datasets/TIP_VICTIMS", headers: ["Cookie": IntakeWebTests.cookie(manager)]).1
            #expect(page.contains("id=\"disclosure-rule\"") && page.contains("Cells with a value from 1 to 2"))
            #expect(!(try await Self.get(app, "/datasets/TIP_VICTIMS").1).contains("id=\"disclosure-rule\""), "the public sees the rule, not the form")
            #expect(try await smallest().map { $0 >= 3 } == true)
            #expect(try await post(producer, "5") == .forbidden)
            #expect(try await post(manager, "five") == .badRequest)
            #expect(try await post(manager, "40") == .seeOther)
            #expect(try await smallest().map { $0 >= 40 } ?? true, "cells under the new threshold are withheld at once")
            #expect((try await Self.get(app, "/datasets/TIP_VICTIMS").1).contains("Cells with a value from 1 to 39"))
            #expect((try await Self.get(app, "/api/datasets").1).contains("\"disclosureThreshold\":40"))
            let audit = try await AuditRepository(store: app.imdms.store).entries()
            #expect(audit.contains { $0.action == "disclosure.rule" && $0.subject == "TIP_VICTIMS" && $0.before == "threshold 3" && $0.after == "threshold 40" && $0.actor == "palesa" })
        }
    }
}

enum WorkflowTestError: Error { case notStored(String) }

/// Runs Tests/attacker/attack.py with arguments (see its docstring).
enum AttackerScript {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("attacker/attack.py").path
    static let run = "import runpy, sys; script = sys.argv[1]; sys.argv = ['attack.py'] + sys.argv[2:]; runpy.run_path(script, run_name='__main__')"
}
