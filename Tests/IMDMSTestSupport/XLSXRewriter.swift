import Foundation
import IMDMSCore

/// Writes grids back out as a workbook (inline strings and numbers, merges kept): a producer's
/// "next month's file" with the same layout and other values.
public enum XLSXRewriter {
    public static func workbook(from grids: [Grid], renamingSheets names: [String]? = nil) throws -> Data {
        let sheets = grids.enumerated().map { index, grid -> (String, String) in
            var rows = ""
            for row in (grid.rows.keys).sorted() {
                rows += "<row r=\"\(row)\">"
                for column in (grid.rows[row] ?? [:]).keys.sorted() {
                    let ref = CellReference.name(column: column) + String(row)
                    switch grid.value(row: row, column: column)! {
                    case let .number(n): rows += "<c r=\"\(ref)\"><v>\(n)</v></c>"
                    case let value: rows += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(escape(value.displayText))</t></is></c>"
                    }
                }
                rows += "</row>"
            }
            let merges = grid.merges.isEmpty ? "" : "<mergeCells>" + grid.merges.map {
                "<mergeCell ref=\"\(CellReference.name(column: $0.firstColumn))\($0.firstRow):\(CellReference.name(column: $0.lastColumn))\($0.lastRow)\"/>"
            }.joined() + "</mergeCells>"
            return (names?[index] ?? grid.name, MiniXLSX.sheet(rows, merges: merges))
        }
        return try MiniXLSX.make(sheets: sheets.map { (name: $0.0, xml: $0.1) })
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
