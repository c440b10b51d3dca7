import Foundation
import ZIPFoundation

/// Writes XLSX workbooks: one sheet per table, styled header cells, number formats, frozen panes,
/// column widths and notes under the table. Strings are written inline (no shared-string table),
/// so a workbook is built in one pass.
public struct XLSXWriter: Sendable {
    public enum Style: Int, Sendable {
        case plain = 0
        case header = 1
        case number = 2
        case totalNumber = 3
        case note = 4
        case title = 5
        case totalLabel = 6
        case decimal = 7
    }

    public enum Value: Sendable, Hashable {
        case text(String)
        case number(Double)
        case empty
    }

    public struct Cell: Sendable, Hashable {
        public var value: Value
        public var style: Style
        public init(_ value: Value, _ style: Style = .plain) {
            self.value = value
            self.style = style
        }
        public static func text(_ text: String, _ style: Style = .plain) -> Cell { Cell(.text(text), style) }
        public static func number(_ number: Double, _ style: Style = .number) -> Cell { Cell(.number(number), style) }
    }

    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]]
        /// Rows and columns kept in view when scrolling (the header rows, the label column).
        public var frozenRows: Int
        public var frozenColumns: Int
        public var columnWidths: [Double]

        public init(name: String, rows: [[Cell]], frozenRows: Int = 0, frozenColumns: Int = 0, columnWidths: [Double] = []) {
            self.name = name
            self.rows = rows
            self.frozenRows = frozenRows
            self.frozenColumns = frozenColumns
            self.columnWidths = columnWidths
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// The workbook's bytes.
    public func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let names = uniqueSheetNames()
        try add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            \(sheets.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())</Types>
            """)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            \(names.enumerated().map { "<sheet name=\"\(XMLText.escape($0.element))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined())</sheets></workbook>
            """)
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())\
            <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """)
        try add("xl/styles.xml", Self.styles)
        for (index, sheet) in sheets.enumerated() { try add("xl/worksheets/sheet\(index + 1).xml", Self.sheetXML(sheet)) }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// Excel's rules: at most 31 characters, none of `[]:*?/\`, unique ignoring case.
    func uniqueSheetNames() -> [String] {
        var used = Set<String>()
        return sheets.enumerated().map { index, sheet in
            var base = String(sheet.name.map { "[]:*?/\\".contains($0) ? "-" : $0 }.prefix(31))
            if base.isEmpty { base = "Sheet\(index + 1)" }
            var name = base
            var n = 2
            while used.contains(name.lowercased()) { name = String(base.prefix(27)) + " (\(n))"; n += 1 }
            used.insert(name.lowercased())
            return name
        }
    }

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.0"/></numFmts>\
        <fonts count="4"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>\
        <font><i/><sz val="9"/><color rgb="FF555555"/><name val="Calibri"/></font><font><b/><sz val="14"/><name val="Calibri"/></font></fonts>\
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F1"/><bgColor indexed="64"/></patternFill></fill></fills>\
        <borders count="2"><border/><border><bottom style="thin"><color auto="1"/></bottom></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"><alignment wrapText="1" vertical="top"/></xf>\
        <xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="3" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>\
        <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """

    static func sheetXML(_ sheet: Sheet) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            let topLeft = CellReference.name(column: sheet.frozenColumns + 1) + String(sheet.frozenRows + 1)
            let pane = (sheet.frozenColumns > 0 ? " xSplit=\"\(sheet.frozenColumns)\"" : "") + (sheet.frozenRows > 0 ? " ySplit=\"\(sheet.frozenRows)\"" : "")
            xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane\(pane) topLeftCell=\"\(topLeft)\" activePane=\"bottomRight\" state=\"frozen\"/></sheetView></sheetViews>"
        }
        if !sheet.columnWidths.isEmpty {
            xml += "<cols>" + sheet.columnWidths.enumerated().map { "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\($0.element)\" customWidth=\"1\"/>" }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = CellReference.name(column: c + 1) + String(r + 1)
                let style = cell.style == .plain ? "" : " s=\"\(cell.style.rawValue)\""
                switch cell.value {
                case let .text(text): xml += "<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLText.escape(text))</t></is></c>"
                case let .number(number) where number.isFinite:
                    let text = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
                    xml += "<c r=\"\(ref)\"\(style)><v>\(text)</v></c>"
                case .number, .empty: if !style.isEmpty { xml += "<c r=\"\(ref)\"\(style)/>" }
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }
}
