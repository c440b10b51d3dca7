/// How a data-entry form lays out one period of a dataset, like the ministry's own cross-tab:
/// one dimension down the rows, up to two across the columns (their codes combined), and every
/// other dimension fixed to one code (its total: `_T`, or the codelist's root such as `WORLD`). Cells are keyed
/// by the full key. The default: the first dimension in rows, the next dimensions with at most
/// three codes in columns (Home Affairs: posts × direction × sex).
public struct EntryLayout: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        /// One code per column dimension, in `columnDimensions` order.
        public var codes: [String]
        public var label: String
    }

    public var structure: DataStructure
    public var rowDimension: String
    public var rowCodes: [Code]
    public var columnDimensions: [String]
    public var columns: [Column]
    /// Every other dimension and its code.
    public var fixed: [String: String]

    /// The codes data are entered for: no total, no group, no code with codes below it.
    public static func entryCodes(_ codelist: Codelist) -> [Code] {
        let parents = Set(codelist.codes.compactMap(\.parentID))
        return codelist.codes.filter { $0.id != "_T" && $0.memberIDs.isEmpty && !parents.contains($0.id) }
    }

    /// The code that stands for all: `_T`, else the one root with codes below it (`WORLD`), else the first code.
    public static func total(_ codelist: Codelist) -> String? {
        if codelist.codes.contains(where: { $0.id == "_T" }) { return "_T" }
        let parents = Set(codelist.codes.compactMap(\.parentID))
        let roots = codelist.codes.filter { $0.parentID == nil && $0.memberIDs.isEmpty && parents.contains($0.id) }
        return roots.count == 1 ? roots[0].id : entryCodes(codelist).first?.id
    }

    /// `rows`, `columns`, `fixed`: chosen by the caller (checked), else the default.
    public init(structure: DataStructure, codelists: [String: Codelist], rows: String? = nil, columns: [String]? = nil,
                fixed chosen: [String: String] = [:]) throws(EntryError) {
        func codes(_ dimension: DataDimension) throws(EntryError) -> [Code] {
            guard let codelist = codelists[dimension.codelistID] else { throw EntryError("\(dimension.id) has no codelist") }
            return Self.entryCodes(codelist)
        }
        let dimensions = structure.dimensions
        guard !dimensions.isEmpty else { throw EntryError("\(structure.id) has no dimensions") }
        let rowDimension = rows ?? dimensions[0].id
        guard let row = dimensions.first(where: { $0.id == rowDimension }) else { throw EntryError("\(structure.id) has no dimension \(rowDimension)") }
        var columnIDs: [String] = []
        if let columns {
            for id in columns where !id.isEmpty {
                guard dimensions.contains(where: { $0.id == id }), id != rowDimension, !columnIDs.contains(id) else {
                    throw EntryError("\(id) cannot be a column of \(structure.id)'s form")
                }
                columnIDs.append(id)
            }
            guard columnIDs.count <= 2 else { throw EntryError("at most two dimensions go across the columns") }
        } else {
            for dimension in dimensions where dimension.id != rowDimension && columnIDs.count < 2 {
                if try codes(dimension).count <= 3 { columnIDs.append(dimension.id) }
            }
        }
        var combined: [Column] = [Column(codes: [], label: "")]
        for id in columnIDs {
            let dimension = dimensions.first { $0.id == id }!
            let next = try codes(dimension)
            combined = combined.flatMap { column in
                next.map { code in Column(codes: column.codes + [code.id], label: column.label.isEmpty ? code.name : column.label + " · " + code.name) }
            }
        }
        if columnIDs.isEmpty { combined = [Column(codes: [], label: "Value")] }
        var fixed: [String: String] = [:]
        for dimension in dimensions where dimension.id != rowDimension && !columnIDs.contains(dimension.id) {
            guard let codelist = codelists[dimension.codelistID] else { throw EntryError("\(dimension.id) has no codelist") }
            if let code = chosen[dimension.id], !code.isEmpty {
                guard codelist.codes.contains(where: { $0.id == code }) else { throw EntryError("\(code) is not a code of \(dimension.id)") }
                fixed[dimension.id] = code
            } else if let total = Self.total(codelist) {
                fixed[dimension.id] = total
            }
        }
        self.structure = structure
        self.rowDimension = rowDimension
        self.rowCodes = try codes(row)
        self.columnDimensions = columnIDs
        self.columns = combined
        self.fixed = fixed
    }

    /// The full key of a cell (codes in the structure's order).
    public func key(row: String, column: Column) -> [String] {
        structure.dimensions.map { dimension in
            if dimension.id == rowDimension { return row }
            if let index = columnDimensions.firstIndex(of: dimension.id) { return column.codes[index] }
            return fixed[dimension.id] ?? "_T"
        }
    }

    /// The name of a cell's input field: its key joined by dots (`MSB.ARR._T.F._T._T`).
    public func field(row: String, column: Column) -> String { key(row: row, column: column).joined(separator: ".") }

    /// The typed values as an SDMX-CSV 1.0 file (empty cells left out), read by the ordinary intake.
    /// Throws naming every cell that is not a number of zero or more.
    public func csv(period: Period, agencyID: String, values: [String: String]) throws(EntryError) -> String {
        var lines = ["DATAFLOW," + structure.dimensions.map(\.id).joined(separator: ",") + ",TIME_PERIOD,OBS_VALUE"]
        var problems: [String] = []
        for row in rowCodes {
            for column in columns {
                let field = field(row: row.id, column: column)
                let text = (values[field] ?? "").replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "")
                guard !text.isEmpty else { continue }
                guard let value = Double(text), value >= 0, value.isFinite else {
                    problems.append("\(row.name), \(column.label): ‘\(values[field] ?? "")’ is not a number of zero or more")
                    continue
                }
                lines.append("\(agencyID):\(structure.id)(\(structure.version)),\(key(row: row.id, column: column).joined(separator: ",")),\(period.formatted),\(NumberText.plain(value))")
            }
        }
        guard problems.isEmpty else { throw EntryError(problems.joined(separator: "; ")) }
        guard lines.count > 1 else { throw EntryError("no value was entered") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

/// What is wrong with a form's layout or its values, in words for the person typing.
public struct EntryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
