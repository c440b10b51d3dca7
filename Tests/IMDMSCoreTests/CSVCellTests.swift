import Foundation
import IMDMSCore
import Testing

/// Downloads opened in a spreadsheet: a label cannot become a formula.
@Suite("CSV downloads: formula-like text is neutralised")
struct CSVCellTests {
    @Test("Text starting with = + - @ tab or CR gets a leading apostrophe; numbers and plain text do not")
    func cells() {
        #expect(CSVText.cell("=HYPERLINK(\"http://x\",\"click\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"")
        #expect(CSVText.cell("+27 11") == "'+27 11")
        #expect(CSVText.cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVText.cell("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0")
        #expect(CSVText.cell("\tTab") == "'\tTab")
        #expect(CSVText.cell("-12.5") == "-12.5", "a negative number stays a number")
        #expect(CSVText.cell("Maseru Bridge") == "Maseru Bridge")
        #expect(CSVText.cell("") == "")
    }

    @Test("A table download whose code names start with = carries them neutralised")
    func tableDownload() throws {
        let hostile = try Codelist(id: "CL_P", name: "Post", codes: [
            Code(id: "_T", name: "All"), Code(id: "X", name: "=HYPERLINK(\"http://evil\")", parentID: "_T"), Code(id: "Y", name: "Post Y", parentID: "_T"),
        ])
        var codelists = QueryEngineTests.codelists
        codelists["CL_P"] = hostile
        let structure = QueryEngineTests.structure(.flow)
        let rows = [QueryEngineTests.row("X", "LSO", "F", "2022-01", 10), QueryEngineTests.row("Y", "LSO", "F", "2022-01", -3)]
        let table = QueryEngine(structure: structure, codelists: codelists).evaluate(TableRequest(datasetID: "T", rowDimension: "POST"), rows: rows)
        let csv = TableExport(table: table, structure: structure, codelists: codelists).csv()
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("X,\"'=HYPERLINK(") }, "\(csv)")
        #expect(!lines.contains { $0.contains(",=") || $0.hasPrefix("=") || $0.contains(",\"=") })
        #expect(lines.contains { $0.hasPrefix("Y,Post Y,") && $0.contains(",-3,") }, "negative values stay numbers")
    }
}
