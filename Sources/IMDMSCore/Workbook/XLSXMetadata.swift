import Foundation

/// Reads the small parts of an XLSX package: relationships, the sheet list, shared strings, styles.
enum XLSXMetadata {
    struct Relationship { var id: String; var type: String; var target: String }

    static func attribute(_ attributes: [(name: ArraySlice<UInt8>, value: String)], _ name: StaticString) -> String? {
        attributes.first { $0.name.is(name) }?.value
    }

    /// The main workbook part named by the package relationships (normally `xl/workbook.xml`).
    static func workbookPart(_ package: XLSXPackage) throws -> String {
        if package.contains("_rels/.rels") {
            let rels = try relationships(package, part: "_rels/.rels")
            if let main = rels.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                return resolve(main.target, in: "")
            }
        }
        guard package.contains("xl/workbook.xml") else {
            throw WorkbookError.notAWorkbook("it is a zip file but holds no workbook (is it a Word or other document?)")
        }
        return "xl/workbook.xml"
    }

    static func relationships(_ package: XLSXPackage, of part: String) throws -> [Relationship] {
        let folder = (part as NSString).deletingLastPathComponent
        let file = (part as NSString).lastPathComponent
        let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        return package.contains(relsPart) ? try relationships(package, part: relsPart) : []
    }

    static func relationships(_ package: XLSXPackage, part: String) throws -> [Relationship] {
        var result: [Relationship] = []
        try package.scanXML(part) { event in
            if case let .start(name, attributes, _) = event, name.is("Relationship"),
               let id = attribute(attributes, "Id"), let type = attribute(attributes, "Type"), let target = attribute(attributes, "Target") {
                result.append(Relationship(id: id, type: type, target: target))
            }
        }
        return result
    }

    /// `worksheets/sheet1.xml` relative to `xl` → `xl/worksheets/sheet1.xml`; `/xl/…` is absolute.
    static func resolve(_ target: String, in folder: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    static func sheets(_ package: XLSXPackage, workbookPart: String) throws -> ([XLSXWorkbook.Sheet], Bool) {
        let rels = Dictionary(try relationships(package, of: workbookPart).map { ($0.id, $0.target) }, uniquingKeysWith: { a, _ in a })
        let folder = (workbookPart as NSString).deletingLastPathComponent
        var sheets: [XLSXWorkbook.Sheet] = []
        var uses1904 = false
        try package.scanXML(workbookPart) { event in
            guard case let .start(name, attributes, _) = event else { return }
            if name.is("workbookPr"), let value = attribute(attributes, "date1904") {
                uses1904 = value == "1" || value.lowercased() == "true"
            } else if name.is("sheet"), let sheetName = attribute(attributes, "name"), let rid = attribute(attributes, "id"),
                      let target = rels[rid] {
                let state = attribute(attributes, "state") ?? "visible"
                sheets.append(XLSXWorkbook.Sheet(name: sheetName, part: resolve(target, in: folder), isHidden: state != "visible"))
            }
        }
        return (sheets, uses1904)
    }

    /// Every `<si>`'s text: plain `<t>` or rich-text runs, without phonetic guides.
    static func sharedStrings(_ package: XLSXPackage, part: String) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inItem = false, inText = false, inPhonetic = false
        try package.scanXML(part) { event in
            switch event {
            case let .start(name, _, selfClosing):
                if name.is("si") { inItem = true; current = ""; if selfClosing { strings.append(""); inItem = false } }
                else if name.is("rPh") { inPhonetic = !selfClosing }
                else if name.is("t") { inText = !selfClosing }
            case let .end(name):
                if name.is("si") { strings.append(current); inItem = false }
                else if name.is("rPh") { inPhonetic = false }
                else if name.is("t") { inText = false }
            case let .text(text):
                if inItem && inText && !inPhonetic { current += text }
            }
        }
        return strings
    }

    /// For each `cellXfs` entry, whether its number format is a date.
    static func dateStyles(_ package: XLSXPackage, part: String) throws -> [Bool] {
        var customFormats: [Int: String] = [:]
        var formatIDs: [Int] = []
        var inCellXfs = false
        try package.scanXML(part) { event in
            switch event {
            case let .start(name, attributes, selfClosing):
                if name.is("numFmt"), let id = attribute(attributes, "numFmtId").flatMap(Int.init) {
                    customFormats[id] = attribute(attributes, "formatCode")
                } else if name.is("cellXfs") {
                    inCellXfs = !selfClosing
                } else if name.is("xf") && inCellXfs {
                    formatIDs.append(attribute(attributes, "numFmtId").flatMap(Int.init) ?? 0)
                }
            case let .end(name):
                if name.is("cellXfs") { inCellXfs = false }
            case .text:
                break
            }
        }
        return formatIDs.map { ExcelDate.isDateFormat(id: $0, code: customFormats[$0]) }
    }
}
