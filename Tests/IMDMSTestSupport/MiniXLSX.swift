import Foundation
import ZIPFoundation

/// Builds small XLSX packages in memory for the reader's tests: what real producers' tools write,
/// and the broken or hostile files they must be protected from.
public enum MiniXLSX {
    public static func make(sheets: [(name: String, xml: String)], sharedStrings: [String] = [], date1904: Bool = false,
                     stylesXML: String? = nil, extra: [(path: String, data: Data)] = []) throws -> Data {
        var parts: [(String, Data)] = []
        parts.append(("[Content_Types].xml", Data("""
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>
        """.utf8)))
        parts.append(("_rels/.rels", Data("""
        <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """.utf8)))
        let sheetList = sheets.enumerated().map { "<sheet name=\"\($0.element.name)\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined()
        parts.append(("xl/workbook.xml", Data("""
        <?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="\(date1904 ? 1 : 0)"/><sheets>\(sheetList)</sheets></workbook>
        """.utf8)))
        var rels = sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }
        rels.append("<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>")
        rels.append("<Relationship Id=\"rIdY\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")
        parts.append(("xl/_rels/workbook.xml.rels", Data("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels.joined())</Relationships>".utf8)))
        let items = sharedStrings.map { "<si><t>\($0)</t></si>" }.joined()
        parts.append(("xl/sharedStrings.xml", Data("<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\(items)</sst>".utf8)))
        parts.append(("xl/styles.xml", Data((stylesXML ?? """
        <?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>
        """).utf8)))
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", Data(sheet.xml.utf8)))
        }
        parts += extra.map { ($0.path, $0.data) }
        return try zip(parts)
    }

    public static func zip(_ parts: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }

    public static func sheet(_ rows: String, merges: String = "") -> String {
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(rows)</sheetData>\(merges)</worksheet>"
    }

    public static func sample(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "samples") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return url
    }

    /// A sample workbook with one field of one central directory entry overwritten (offsets as the
    /// zip format defines them: 16 CRC-32, 20 compressed size, 28 name length (2 bytes), 42 local
    /// header). With field 42 of xl/workbook.xml set to 0xFFFFFFFF this is the file that made
    /// ZIPFoundation trap and end the server (issue 15).
    public static func damaged(_ sample: String = "moha-border-crossings-2022-11-12.xlsx", part: String = "xl/workbook.xml",
                               field: Int = 42, value: UInt32 = 0xFFFF_FFFF) throws -> Data {
        var bytes = [UInt8](try Data(contentsOf: try Self.sample(sample)))
        var at = bytes.count - 22
        func name(_ at: Int) -> String {
            String(decoding: bytes[(at + 46)..<min(bytes.count, at + 46 + Int(bytes[at + 28]) + Int(bytes[at + 29]) * 256)], as: UTF8.self)
        }
        while at > 0 && !(bytes[at] == 0x50 && bytes[at + 1] == 0x4B && bytes[at + 2] == 1 && bytes[at + 3] == 2 && name(at) == part) { at -= 1 }
        precondition(at > 0, "no directory entry for \(part)")
        for k in 0..<(field == 28 ? 2 : 4) { bytes[at + field + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
        return Data(bytes)
    }

    /// 4.9 kB in Excel's hands: a header cell, one number, and one cell at XFD1048576, the last
    /// cell a sheet can have (the proposer once walked every row of every column to it).
    public static func sparse() throws -> Data {
        try make(sheets: [("Victims", sheet("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>EXPLOITATION</t></is></c></row>\
            <row r="2"><c r="B2"><v>5</v></c></row>\
            <row r="1048576"><c r="XFD1048576"><v>1</v></c></row>
            """))])
    }
}
