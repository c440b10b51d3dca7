import Foundation

/// An XLSX workbook read with our own streaming parser: shared and inline strings, numbers,
/// booleans, dates in both date systems, formulas (their cached values), merged ranges, several
/// sheets, sparse rows. Memory grows with the shared strings, not with the number of rows.
public final class XLSXWorkbook {
    /// A sheet's name (as the producer sees it on its tab) and where its XML lives.
    public struct Sheet: Hashable, Sendable {
        public var name: String
        public var part: String
        public var isHidden: Bool
    }

    public let sheets: [Sheet]
    public let uses1904DateSystem: Bool
    let package: XLSXPackage
    let sharedStrings: [String]
    /// For each cell style index, whether its number format shows a date.
    let dateStyles: [Bool]

    public convenience init(url: URL, limits: XLSXLimits = .standard) throws {
        try self.init(package: try XLSXPackage.open(url: url, limits: limits))
    }

    public convenience init(data: Data, limits: XLSXLimits = .standard) throws {
        try self.init(package: try XLSXPackage.open(data: data, limits: limits))
    }

    init(package: XLSXPackage) throws {
        self.package = package
        let workbookPart = try XLSXMetadata.workbookPart(package)
        let (sheets, uses1904) = try XLSXMetadata.sheets(package, workbookPart: workbookPart)
        guard !sheets.isEmpty else { throw WorkbookError.malformed(part: workbookPart, reason: "it lists no sheets") }
        self.sheets = sheets
        self.uses1904DateSystem = uses1904
        let folder = (workbookPart as NSString).deletingLastPathComponent
        let related = try XLSXMetadata.relationships(package, of: workbookPart)
        let stringsPart = related.first { $0.type.hasSuffix("/sharedStrings") }.map { XLSXMetadata.resolve($0.target, in: folder) }
        self.sharedStrings = try stringsPart.map { try XLSXMetadata.sharedStrings(package, part: $0) } ?? []
        let stylesPart = related.first { $0.type.hasSuffix("/styles") }.map { XLSXMetadata.resolve($0.target, in: folder) }
        self.dateStyles = try stylesPart.map { try XLSXMetadata.dateStyles(package, part: $0) } ?? []
    }

    public var sheetNames: [String] { sheets.map(\.name) }

    public func sheet(named name: String) throws -> Sheet {
        guard let sheet = sheets.first(where: { $0.name == name }) else {
            throw WorkbookError.noSuchSheet(name, available: sheetNames)
        }
        return sheet
    }

    /// Streams a sheet's rows in order, each with its non-empty cells; returns the merged ranges
    /// (which Excel writes after the rows). A handler may throw `XLSXStop` to end early.
    @discardableResult
    public func readRows(of sheetName: String, _ handle: (_ row: Int, _ cells: [Cell]) throws -> Void) throws -> [MergedRange] {
        let sheet = try sheet(named: sheetName)
        var parser = XLSXSheetParser(part: sheet.part, sharedStrings: sharedStrings, dateStyles: dateStyles, uses1904: uses1904DateSystem,
                                     limits: package.limits)
        do {
            try package.scanXML(sheet.part) { event in try parser.handle(event, emit: handle) }
        } catch is XLSXStop {
            return parser.merges
        }
        return parser.merges
    }

    /// A whole sheet in memory: for the header rows and small sheets.
    public func cells(of sheetName: String, maxRows: Int? = nil) throws -> (cells: [Cell], merges: [MergedRange]) {
        var all: [Cell] = []
        let merges = try readRows(of: sheetName) { row, cells in
            if let maxRows, row > maxRows { throw XLSXStop() }
            all.append(contentsOf: cells)
        }
        return (all, merges)
    }
}

extension XLSXWorkbook {
    /// Rows between two progress reports.
    public static let progressInterval = 10_000

    /// Every visible sheet as a grid, in workbook order; `progress` hears (sheet, rows read so far).
    public func grids(progress: (@Sendable (String, Int) -> Void)? = nil) throws -> [Grid] {
        try sheets.filter { !$0.isHidden }.map { sheet in
            var grid = Grid(name: sheet.name)
            var count = 0
            grid.merges = try readRows(of: sheet.name) { row, cells in
                for cell in cells { grid.set(cell.value, row: row, column: cell.column) }
                count += 1
                if count % Self.progressInterval == 0 { progress?(sheet.name, count) }
            }
            return grid
        }
    }
}
