import Foundation
@testable import IMDMSCore
import IMDMSTestSupport
import Testing

/// Workbooks that once crashed or stalled the reader: a zip directory whose numbers point outside
/// the file (ZIPFoundation trapped on the impossible range and took the server with it), a sheet
/// with one cell at XFD1048576 (the layout proposer walked every row × column), an XML comment
/// that never ends (the scanner searched it again with every chunk).
@Suite("Hostile workbooks: refused with a message, never a trap or a stall")
struct HostileWorkbookTests {
    static let reference = try! ReferenceConfiguration.lesotho()

    @Test("A damaged zip directory is refused with a message", arguments: [
        ("xl/workbook.xml", 42, UInt32(0xFFFF_FFFF)),  // the file that crashed the server (issue 15)
        ("xl/workbook.xml", 42, UInt32(0x7FFF_0000)),
        ("xl/worksheets/sheet1.xml", 20, UInt32(0x0FFF_FFFF)),
        ("xl/worksheets/sheet1.xml", 16, UInt32(0x1234_5678)),  // a CRC that does not match
        ("xl/styles.xml", 28, UInt32(0xFFFF)),
        ("[Content_Types].xml", 42, UInt32(3)),
    ])
    func damagedDirectory(part: String, field: Int, value: UInt32) throws {
        let data = try MiniXLSX.damaged(part: part, field: field, value: value)
        do {
            let workbook = try XLSXWorkbook(data: data)
            _ = try workbook.grids()
            Issue.record("\(part) field \(field) = \(value) was read")
        } catch let error as WorkbookError {
            #expect(["damaged", "missing", "cannot be unpacked"].contains { error.description.contains($0) }, "\(error)")
        }
    }

    @Test("A sheet with a cell at XFD1048576 is read by the cells it has")
    func sparseSheet() throws {
        let data = try MiniXLSX.sparse()
        let grids = try XLSXWorkbook(data: data).grids()
        #expect(grids[0].lastColumn == 16_384 && grids[0].lastRow == 1_048_576 && grids[0].cellCount == 3)
        let structure = Self.reference.structure("TIP_VICTIMS")!
        let (profile, notes) = ProfileProposer(structure: structure, codelists: Self.reference.codelistsByID)
            .propose(grids, codelists: Self.reference.codelistsByID)
        #expect(profile == nil || !notes.isEmpty, "nothing sensible to propose: \(notes)")
    }

    @Test("An XML comment that never ends is refused after one pass over it")
    func unclosedComment() throws {
        var scanner = XMLScanner(part: "xl/worksheets/sheet1.xml")
        var events = 0
        try scanner.feed(Array("<worksheet><sheetData><!--".utf8)) { _ in events += 1 }
        let chunk = [UInt8](repeating: UInt8(ascii: "-"), count: 1 << 16)
        for _ in 0..<320 { try scanner.feed(chunk) { _ in events += 1 } }  // 20 MB
        #expect(events == 2)
        #expect(throws: WorkbookError.self) { try scanner.finish { _ in } }
        var endless = XMLScanner(part: "p")
        #expect(throws: WorkbookError.self) {
            try endless.feed(Array("<a>".utf8)) { _ in }
            for _ in 0..<1_100 { try endless.feed(chunk) { _ in } }  // text past the 64 MB token limit
        }
    }

    @Test("A comment, a tag and text split over chunks anywhere still read the same")
    func splitTokens() throws {
        let xml = Array(#"<a x="1>2" y='3'><!-- c -- --><b>t&amp;u</b><![CDATA[<z>]]><?pi x?><c/></a>"#.utf8)
        func events(_ size: Int) throws -> [String] {
            var scanner = XMLScanner(part: "p")
            var out: [String] = []
            func record(_ event: XMLScanner.Event) {
                switch event {
                case let .start(name, attributes, selfClosing):
                    out.append("<\(String(decoding: name, as: UTF8.self)) \(attributes.map { "\(String(decoding: $0.name, as: UTF8.self))=\($0.value)" }) \(selfClosing)")
                case let .end(name): out.append("/\(String(decoding: name, as: UTF8.self))")
                case let .text(text): out.append("t:\(text)")
                }
            }
            var index = 0
            while index < xml.count {
                try scanner.feed(xml[index..<min(xml.count, index + size)], record)
                index += size
            }
            try scanner.finish(record)
            return out
        }
        let whole = try events(xml.count)
        for size in 1...12 { #expect(try events(size) == whole, "chunks of \(size)") }
    }
}
