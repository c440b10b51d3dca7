import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import VaporTesting

/// Sesotho and English (D57): chosen by `Accept-Language` or by the switch (a cookie); the interface,
/// dataset and code names and the Excel download follow; the public cache keeps each language apart;
/// a translation file naming what does not exist stops the start with each problem named.
@Suite("Sesotho and English")
struct LanguageWebTests {
    static let table = "/datasets/BORDER_CROSSINGS?rows=SEX&cols=DIRECTION&start=2025-Q4&end=2025-Q4"

    @Test("Accept-Language and the switch choose the language of pages, tables and downloads; each language cached apart")
    func languages() async throws {
        try await withIMDMSApp(.sqlite, demoYears: 2024...2025) { app, _ in
            try await app.testing().test(.GET, "/", headers: ["Accept-Language": "st-LS, en;q=0.5"]) { response in
                let page = response.body.string
                #expect(response.headers.first(name: "Content-Language") == "st")
                #expect(page.contains("<html lang=\"st\">") && page.contains(">Lintlha</a>") && page.contains("Ho tšela meeli"), "\(page.prefix(1500))")
                #expect(page.contains("id=\"language-en\""), "the switch offers English")
            }
            try await app.testing().test(.GET, "/", headers: ["Accept-Language": "en-GB"]) { response in
                #expect(response.body.string.contains("<html lang=\"en\">") && response.body.string.contains(">Datasets</a>"))
            }

            var cookie = ""
            try await app.testing().test(.GET, "/language/st?back=" + Self.table.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!) { response in
                #expect(response.status == .seeOther && response.headers.first(name: .location) == Self.table)
                cookie = response.headers.setCookie?["imdms_lang"].map { "imdms_lang=\($0.string)" } ?? ""
            }
            #expect(cookie == "imdms_lang=st")
            try await app.testing().test(.GET, "/language/st?back=//evil.example/") { #expect($0.headers.first(name: .location) == "/") }
            try await app.testing().test(.GET, "/language/fr") { #expect($0.status == .notFound) }

            // The choice wins over the browser's languages, for the page and its Excel file.
            let sesotho = HTTPHeaders([("Cookie", cookie), ("Accept-Language", "en")])
            try await app.testing().test(.GET, Self.table, headers: sesotho) { response in
                let page = response.body.string
                #expect(page.contains("<th scope=\"row\">Basali</th>") && page.contains(">Ho fihla<"), "code names in Sesotho")
                #expect(page.contains("<h1>Ho tšela meeli</h1>") && page.contains(">Bontša tafole<"))
            }
            try await app.testing().test(.GET, Self.table, headers: sesotho) { #expect($0.headers.first(name: "X-Cache") == "hit") }
            try await app.testing().test(.GET, Self.table, headers: ["Accept-Language": "en"]) { response in
                #expect(response.headers.first(name: "X-Cache") != "hit", "English is kept apart from Sesotho")
                #expect(response.body.string.contains("<th scope=\"row\">Female</th>"))
            }
            try await app.testing().test(.GET, "/reports/quarterly-bulletin", headers: sesotho) { response in
                let page = response.body.string
                #expect(page.contains("Koranta ea kotara ea lipalo-palo tsa bojaki") && page.contains("Ho tšela meeli"), "the report's headings in Sesotho")
                #expect(page.contains("<html lang=\"st\">") && page.contains("liheke tsa meeli. Palo ea ba fihlileng e "), "the narrative in Sesotho")
                #expect(page.contains("ha e bapisoa le Q4 2024") && !page.contains("were recorded"), "its phrases too, nothing left in English")
                #expect(page.contains("Litšelo ka heke ea moeli le tsela") && page.contains("Mohloli: "), "table titles and sources")
            }
            try await app.testing().test(.GET, "/reports/quarterly-bulletin", headers: ["Accept-Language": "en"]) { response in
                #expect(response.body.string.contains("were recorded at the ports of entry. Arrivals "), "English stays English")
            }
            try await app.testing().test(.GET, "/reports/festive-border?period=2024-12", headers: sesotho) { response in
                #expect(response.body.string.contains("Nakong ea Tšitoe 2024 – Pherekhong 2025,"), "months named in Sesotho")
            }
            var report = Data()
            try await app.testing().test(.GET, "/reports/quarterly-bulletin?format=xlsx", headers: sesotho) { report = Data(buffer: $0.body) }
            var xlsx = Data()
            try await app.testing().test(.GET, "/datasets/BORDER_CROSSINGS/table.xlsx?rows=SEX&cols=DIRECTION&start=2025-Q4&end=2025-Q4", headers: sesotho) { response in
                #expect(response.status == .ok)
                xlsx = Data(buffer: response.body)
            }
            if Python.available(["openpyxl"]) {
                let path = try Python.temporaryFile(xlsx, suffix: ".xlsx")
                defer { try? FileManager.default.removeItem(atPath: path) }
                let cells = try Python.run("""
                    import sys, openpyxl
                    ws = openpyxl.load_workbook(sys.argv[1]).active
                    print("|".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None))
                    """, arguments: [path])
                #expect(cells.contains("Ho tšela meeli") && cells.contains("Basali") && cells.contains("Ho fihla"), "\(cells.prefix(400))")
                let reportPath = try Python.temporaryFile(report, suffix: ".xlsx")
                defer { try? FileManager.default.removeItem(atPath: reportPath) }
                let contents = try Python.run("""
                    import sys, openpyxl
                    wb = openpyxl.load_workbook(sys.argv[1])
                    print(wb.sheetnames[0] + "|" + "|".join(str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value is not None))
                    """, arguments: [reportPath])
                #expect(contents.hasPrefix("Litaba|Koranta ea kotara") && contents.contains("Palo ea ba fihlileng e "), "\(contents.prefix(400))")
            }
        }
    }

    @Test("A translation file naming a dataset or code that does not exist is refused at start, each problem named")
    func checked() throws {
        let folder = NSTemporaryDirectory() + "imdms-translations-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("""
            {"language": "st", "interface": {"Datasets": "Lintlha", "Reports": null}, "datasets": {"NOPE": "x"},
             "codes": {"CL_SEX": {"Q": "x"}}, "reports": {}}
            """.utf8).write(to: URL(fileURLWithPath: folder + "/st.json"))
        let translations = try Translations.load(.st, overrides: folder)
        #expect(translations.text("Datasets") == "Lintlha" && translations.text("Reports") == "Reports", "an untranslated text stays English")
        #expect(translations.missing == ["Reports"])
        #expect(translations.problems(against: Fixtures.lesotho) == ["datasets: there is no dataset NOPE", "codes: CL_SEX has no code Q"])
        let shipped = try Translations.load(.st, overrides: nil)
        #expect(shipped.problems(against: Fixtures.lesotho).isEmpty, "the shipped Sesotho file fits the Lesotho reference")
        let library = try ReportLibrary.load(overrides: nil, reference: Fixtures.lesotho)
        #expect(shipped.problems(reports: library, extra: ScorecardReport.titles).isEmpty, "\(shipped.problems(reports: library, extra: ScorecardReport.titles))")

        // A report text no report has, and a narrative that reads other facts than its English.
        let narrative = try #require(library.report("quarterly-bulletin")?.sections[3].narrative)
        let bad = narrative.replacingOccurrences(of: "{{clients.value}}", with: "{{client.value}}")
        let reports = try String(data: JSONSerialization.data(withJSONObject: ["Nothing like this": "x", narrative: bad]), encoding: .utf8)!
        try Data("""
            {"language": "st", "interface": {}, "datasets": {}, "codes": {}, "reports": \(reports)}
            """.utf8).write(to: URL(fileURLWithPath: folder + "/st.json"))
        let problems = try Translations.load(.st, overrides: folder).problems(reports: library)
        #expect(problems.count == 2 && problems.contains("reports: no report has the text ‘Nothing like this’"), "\(problems)")
        #expect(problems.contains { $0.contains("reads different facts (missing: clients.value; unknown: client.value)") }, "\(problems)")
        #expect(Language.preferred("fr, st;q=0.8, en;q=0.9") == .en && Language.preferred("st-LS") == .st && Language.preferred(nil) == .en)
    }

    @Test("Every interface text the web layer asks for (T(\"…\")) is listed in the Sesotho file, translated or marked null")
    func everyTextListed() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let web = root.appendingPathComponent("Sources/IMDMSWeb")
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("Sources/IMDMSCore/Resources/translations/st.json"))) as? [String: Any]
        let listed = Set((file?["interface"] as? [String: Any] ?? [:]).keys)
        let pattern = try NSRegularExpression(pattern: #"\bT\("((?:[^"\\]|\\.)*)""#)
        var asked: Set<String> = []
        for case let url as URL in FileManager.default.enumerator(at: web, includingPropertiesForKeys: nil)! where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                asked.insert(String(text[Range(match.range(at: 1), in: text)!]).replacingOccurrences(of: "\\\"", with: "\""))
            }
        }
        #expect(asked.count > 100, "the scan finds the texts: \(asked.count)")
        #expect(asked.subtracting(listed).sorted() == [], "texts missing from st.json")
    }
}
