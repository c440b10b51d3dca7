/// Turns a worksheet's XML events into rows of cells.
struct XLSXSheetParser {
    let part: String
    let sharedStrings: [String]
    let dateStyles: [Bool]
    let uses1904: Bool
    let limits: XLSXLimits

    private(set) var merges: [MergedRange] = []
    private var cellCount = 0
    private var row = 0
    private var cells: [Cell] = []
    private var nextColumn = 1
    // The cell being read.
    private var column = 0
    private var type = ""
    private var style = 0
    private var value = ""
    private var capturing = false
    private var inInlineString = false

    init(part: String, sharedStrings: [String], dateStyles: [Bool], uses1904: Bool, limits: XLSXLimits = .standard) {
        self.limits = limits
        self.part = part
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.uses1904 = uses1904
    }

    mutating func handle(_ event: XMLScanner.Event, emit: (Int, [Cell]) throws -> Void) throws {
        switch event {
        case let .start(name, attributes, selfClosing):
            if name.is("c") {
                let reference = XLSXMetadata.attribute(attributes, "r").flatMap(CellReference.parse)
                column = reference?.column ?? nextColumn
                guard column <= 16_384 else { throw WorkbookError.malformed(part: part, reason: "row \(row) has cells beyond column XFD, the last") }
                type = XLSXMetadata.attribute(attributes, "t") ?? "n"
                style = XLSXMetadata.attribute(attributes, "s").flatMap(Int.init) ?? 0
                value = ""
                if selfClosing { nextColumn = column + 1 }
            } else if name.is("v") {
                capturing = !selfClosing
            } else if name.is("is") {
                inInlineString = !selfClosing
            } else if name.is("t") && inInlineString {
                capturing = !selfClosing
            } else if name.is("row") {
                let number = XLSXMetadata.attribute(attributes, "r").flatMap(Int.init) ?? row + 1
                guard number > row, number <= 1_048_576 else {
                    throw WorkbookError.malformed(part: part, reason: "row \(number) is out of order")
                }
                row = number
                cells.removeAll(keepingCapacity: true)
                nextColumn = 1
                if selfClosing { try emit(row, []) }
            } else if name.is("mergeCell"), let ref = XLSXMetadata.attribute(attributes, "ref") {
                let ends = ref.split(separator: ":").map(String.init)
                if let first = ends.first.flatMap(CellReference.parse), let last = (ends.count > 1 ? ends[1] : ends[0]).flatMapReference {
                    // Corners in any order (B5:A1 is A1:B5); a range over whole columns or many ranges is refused.
                    let range = MergedRange(firstRow: first.row, firstColumn: first.column, lastRow: last.row, lastColumn: last.column)
                    let area = (range.lastRow - range.firstRow + 1) * (range.lastColumn - range.firstColumn + 1)
                    guard area <= limits.maxMergedCells else {
                        throw WorkbookError.malformed(part: part, reason: "the merged range \(ref) covers \(area) cells (at most \(limits.maxMergedCells)); unmerge it")
                    }
                    guard merges.count < limits.maxMerges else {
                        throw WorkbookError.malformed(part: part, reason: "it has more than \(limits.maxMerges) merged ranges")
                    }
                    merges.append(range)
                }
            }
        case let .end(name):
            if name.is("v") || name.is("t") {
                capturing = false
            } else if name.is("is") {
                inInlineString = false
            } else if name.is("c") {
                if let resolved = try resolve() {
                    cellCount += 1
                    guard cellCount <= limits.maxCellsPerSheet else {
                        throw WorkbookError.malformed(part: part, reason: "the sheet holds more than \(limits.maxCellsPerSheet) cells; send it in parts or as CSV")
                    }
                    cells.append(Cell(row: row, column: column, value: resolved))
                }
                nextColumn = column + 1
            } else if name.is("row") {
                try emit(row, cells)
            }
        case let .text(text):
            if capturing { value += text }
        }
    }

    private func resolve() throws -> CellValue? {
        switch type {
        case "s":
            guard !value.isEmpty else { return nil }
            guard let index = Int(value), sharedStrings.indices.contains(index) else {
                throw WorkbookError.malformed(part: part, reason: "cell \(CellReference.name(column: column))\(row) points to a missing shared string")
            }
            return sharedStrings[index].isEmpty ? nil : .text(sharedStrings[index])
        case "inlineStr", "str":
            return value.isEmpty ? nil : .text(value)
        case "b":
            return .bool(value == "1" || value.lowercased() == "true")
        case "e":
            return .error(value)
        case "d":
            // ISO 8601 date cells (rare; strict OOXML).
            let parts = value.prefix(10).split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return .text(value) }
            return .date(year: parts[0], month: parts[1], day: parts[2], seconds: 0)
        default:
            guard !value.isEmpty else { return nil }
            guard let number = Double(value) else {
                throw WorkbookError.malformed(part: part, reason: "cell \(CellReference.name(column: column))\(row) holds '\(value)' as a number")
            }
            if dateStyles.indices.contains(style), dateStyles[style],
               let date = ExcelDate.components(serial: number, uses1904: uses1904) {
                return .date(year: date.year, month: date.month, day: date.day, seconds: date.seconds)
            }
            return .number(number)
        }
    }
}

private extension String {
    var flatMapReference: (row: Int, column: Int)? { CellReference.parse(self) }
}
