import Foundation
import IMDMSCore
import IMDMSTestSupport
import Testing

@Suite("XLSX reader")
struct XLSXWorkbookTests {
    @Test("Reads the Home Affairs cross-tab: sheets, titles, merged headers, numbers, cached formulas")
    func homeAffairs() throws {
        let workbook = try XLSXWorkbook(url: try MiniXLSX.sample("moha-border-crossings-2022-11-12.xlsx"))
        #expect(workbook.sheetNames == ["November 2022", "December 2022"])
        let (cells, merges) = try workbook.cells(of: "November 2022")
        func value(_ ref: String) -> CellValue? {
            let (row, column) = CellReference.parse(ref)!
            return cells.first { $0.row == row && $0.column == column }?.value
        }
        #expect(value("A1") == .text("MINISTRY OF HOME AFFAIRS"))
        #expect(value("B5") == .text("ARRIVALS"))
        #expect(value("D6") == .text("Foreigners"))
        #expect(value("C7") == .text("Female"))
        #expect(value("A8") == .text("Maseru Bridge"))
        #expect(value("B8") == .number(121_001))
        #expect(value("J8") == .number(497_263), "a formula gives its cached value")
        #expect(value("J20") == .number(1_129_575))
        #expect(value("A4") == nil, "empty rows have no cells")
        #expect(merges.contains(MergedRange(firstRow: 5, firstColumn: 2, lastRow: 5, lastColumn: 5)))
        #expect(merges.contains(MergedRange(firstRow: 5, firstColumn: 1, lastRow: 7, lastColumn: 1)))
    }

    @Test("Streams rows in order and can stop early")
    func streaming() throws {
        let workbook = try XLSXWorkbook(url: try MiniXLSX.sample("moh-migrant-health-2022Q4.xlsx"))
        #expect(workbook.sheetNames == ["Oct 2022", "Nov 2022", "Dec 2022"])
        var rows: [Int] = []
        var count = 0
        try workbook.readRows(of: "Oct 2022") { row, cells in
            rows.append(row)
            count += cells.count
        }
        #expect(rows.first == 1)
        #expect(rows == rows.sorted())
        #expect(rows.last == 398)
        var seen = 0
        try workbook.readRows(of: "Nov 2022") { row, _ in
            seen += 1
            if row >= 3 { throw XLSXStop() }
        }
        #expect(seen <= 3)
    }

    @Test("Strings inline and shared, booleans, errors, sparse rows and columns")
    func cellTypes() throws {
        let rows = """
        <row r="2"><c r="B2" t="inlineStr"><is><t>Maseru &amp; Berea</t></is></c><c r="D2" t="s"><v>0</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#DIV/0!</v></c></row>
        <row r="9"><c r="AA9"><v>1.5</v></c><c r="AB9" t="str"><f>A1</f><v>cached</v></c><c r="AC9"><f>1+1</f><v>2</v></c></row>
        """
        let data = try MiniXLSX.make(sheets: [("S", MiniXLSX.sheet(rows))], sharedStrings: ["Côte d&apos;Ivoire"])
        let (cells, _) = try XLSXWorkbook(data: data).cells(of: "S")
        #expect(cells.map(\.reference) == ["B2", "D2", "E2", "F2", "AA9", "AB9", "AC9"])
        #expect(cells.map(\.value) == [.text("Maseru & Berea"), .text("Côte d'Ivoire"), .bool(true), .error("#DIV/0!"),
                                       .number(1.5), .text("cached"), .number(2)])
    }

    @Test("Dates in the 1900 and 1904 systems, built-in and custom formats")
    func dates() throws {
        let rows = #"<row r="1"><c r="A1" s="1"><v>44926</v></c><c r="B1" s="2"><v>44926.75</v></c><c r="C1"><v>44926</v></c><c r="D1" s="1"><v>60</v></c><c r="E1" s="1"><v>61</v></c></row>"#
        let cells1900 = try XLSXWorkbook(data: try MiniXLSX.make(sheets: [("S", MiniXLSX.sheet(rows))])).cells(of: "S").cells
        #expect(cells1900.map(\.value) == [
            .date(year: 2022, month: 12, day: 31, seconds: 0), .date(year: 2022, month: 12, day: 31, seconds: 64_800),
            .number(44926), .date(year: 1900, month: 2, day: 28, seconds: 0), .date(year: 1900, month: 3, day: 1, seconds: 0),
        ])
        let cells1904 = try XLSXWorkbook(data: try MiniXLSX.make(sheets: [("S", MiniXLSX.sheet(rows))], date1904: true)).cells(of: "S").cells
        #expect(cells1904.first?.value == .date(year: 2027, month: 1, day: 1, seconds: 0))
    }

    @Test("Refuses an old .xls, an encrypted workbook, a text file, a PDF and an empty file")
    func wrongKinds() throws {
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 600)
        #expect(throws: WorkbookError.legacyXLS) { try XLSXWorkbook(data: Data(ole)) }
        let encrypted = ole + "EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(throws: WorkbookError.encrypted) { try XLSXWorkbook(data: Data(encrypted)) }
        #expect(throws: WorkbookError.notAWorkbook("it looks like a text file; upload CSV files as .csv")) {
            try XLSXWorkbook(data: Data("Year;Quarter\n2022;Q1\n".utf8))
        }
        #expect(throws: WorkbookError.notAWorkbook("it is a PDF document")) { try XLSXWorkbook(data: Data("%PDF-1.7".utf8)) }
        #expect(throws: WorkbookError.notAWorkbook("the file is empty")) { try XLSXWorkbook(data: Data()) }
        #expect(WorkbookError.legacyXLS.description.contains("save it as .xlsx"))
    }

    @Test("Refuses a truncated package and a zip that is not a workbook")
    func damaged() throws {
        let whole = try Data(contentsOf: try MiniXLSX.sample("police-tip-victims-2022.xlsx"))
        #expect(throws: WorkbookError.self) { try XLSXWorkbook(data: whole.prefix(whole.count / 2)) }
        let notWorkbook = try MiniXLSX.zip([("word/document.xml", Data("<w/>".utf8))])
        #expect(throws: WorkbookError.notAWorkbook("it is a zip file but holds no workbook (is it a Word or other document?)")) {
            try XLSXWorkbook(data: notWorkbook)
        }
    }

    @Test("Refuses a zip bomb by its compression ratio and by the size it really unpacks to")
    func zipBomb() throws {
        let huge = MiniXLSX.sheet(String(repeating: "<row/>", count: 1_000_000))
        let data = try MiniXLSX.make(sheets: [("S", huge)])
        #expect(data.count < 200_000)
        let workbook = try XLSXWorkbook(data: data)
        #expect(throws: WorkbookError.suspiciousCompression(part: "xl/worksheets/sheet1.xml")) { try workbook.readRows(of: "S") { _, _ in } }
        let small = XLSXLimits(maxPartBytes: 100_000, maxTotalBytes: 1 << 30, maxCompressionRatio: 1_000_000, ratioCheckAbove: 1 << 30)
        #expect(throws: WorkbookError.tooLarge(part: "xl/worksheets/sheet1.xml", limit: 100_000)) {
            try XLSXWorkbook(data: data, limits: small).readRows(of: "S") { _, _ in }
        }
    }

    @Test("Refuses DOCTYPE and entity declarations (billion laughs, external entities)")
    func entities() throws {
        let evil = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol;</t></is></c></row></sheetData></worksheet>"
        let workbook = try XLSXWorkbook(data: try MiniXLSX.make(sheets: [("S", evil)]))
        #expect(throws: WorkbookError.self) { try workbook.readRows(of: "S") { _, _ in } }
        let unknownEntity = MiniXLSX.sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>")
        #expect(throws: WorkbookError.unsafeXML(part: "xl/worksheets/sheet1.xml", reason: "unknown entity '&xxe;'")) {
            try XLSXWorkbook(data: try MiniXLSX.make(sheets: [("S", unknownEntity)])).readRows(of: "S") { _, _ in }
        }
    }

    @Test("An unknown sheet name lists the sheets there are")
    func unknownSheet() throws {
        let workbook = try XLSXWorkbook(url: try MiniXLSX.sample("police-tip-victims-2022.xlsx"))
        #expect(throws: WorkbookError.noSuchSheet("Q5 2022", available: ["Q1 2022", "Q2 2022", "Q3 2022", "Q4 2022"])) {
            try workbook.readRows(of: "Q5 2022") { _, _ in }
        }
    }

    @Test("Cell references", arguments: [("A1", 1, 1), ("Z9", 9, 26), ("AA10", 10, 27), ("$XFD$1048576", 1_048_576, 16_384)])
    func references(text: String, row: Int, column: Int) {
        #expect(CellReference.parse(text)?.row == row)
        #expect(CellReference.parse(text)?.column == column)
        #expect(CellReference.name(column: column) == text.replacingOccurrences(of: "$", with: "").filter(\.isLetter))
    }
}
