import Foundation
import IMDMSCore

/// The mapping screen's fields, to and from an import profile: the producer points at rows and
/// columns of the grid shown above (letters and row numbers) instead of writing JSON. Aliases and
/// the shape signature are carried over from the profile being corrected.
struct MappingForm {
    var fields: [String: String]

    /// The fields that show `profile` (all empty when there is none yet).
    init(profile: ImportProfile?, structure: DataStructure) {
        var fields: [String: String] = [:]
        guard let profile else { self.fields = fields; return }
        fields["sheets"] = profile.sheets?.joined(separator: ", ") ?? ""
        fields["firstDataRow"] = String(profile.firstDataRow)
        fields["valueColumns"] = Self.compact(profile.valueColumns)
        fields["totalColumns"] = Self.compact(profile.totalColumns)
        fields["totalLabels"] = profile.totalLabels.joined(separator: ", ")
        fields["ignoreRows"] = profile.ignoreRowsStartingWith.joined(separator: ", ")
        fields["blankCells"] = profile.blankCells.rawValue
        for dimension in structure.dimensions {
            switch profile.dimensions[dimension.id] {
            case let .column(letters): fields["dim.\(dimension.id).source"] = "column"; fields["dim.\(dimension.id).value"] = letters
            case let .headerRow(row): fields["dim.\(dimension.id).source"] = "headerRow"; fields["dim.\(dimension.id).value"] = String(row)
            case let .fixed(code): fields["dim.\(dimension.id).source"] = "fixed"; fields["dim.\(dimension.id).value"] = code
            case nil: break
            }
        }
        switch profile.period {
        case let .column(letters): fields["period.source"] = "column"; fields["period.value"] = letters
        case let .yearAndSubperiod(year, sub): fields["period.source"] = "yearAndSubperiod"; fields["period.value"] = "\(year), \(sub)"
        case .sheetName: fields["period.source"] = "sheetName"
        case let .cell(cell): fields["period.source"] = "cell"; fields["period.value"] = cell
        case let .fixed(period): fields["period.source"] = "fixed"; fields["period.value"] = period
        }
        self.fields = fields
    }

    init(fields: [String: String]) { self.fields = fields }

    subscript(_ name: String) -> String { fields[name] ?? "" }

    /// The profile these fields describe, or every field that cannot be read, each naming the
    /// field and the value.
    func profile(for structure: DataStructure, carryingOver previous: ImportProfile?) -> Result<ImportProfile, MappingFormError> {
        var problems: [String] = []
        let firstDataRow = Int(self["firstDataRow"].trimmed).flatMap { $0 >= 1 ? $0 : nil }
        if firstDataRow == nil { problems.append("First data row ‘\(self["firstDataRow"])’ is not a row number.") }
        let valueColumns = columns("valueColumns", label: "Value columns", problems: &problems)
        if valueColumns.isEmpty && !problems.contains(where: { $0.hasPrefix("Value columns") }) {
            problems.append("Value columns: name at least one column, such as C or C-H.")
        }
        let totalColumns = columns("totalColumns", label: "Total columns", problems: &problems)
        var dimensions: [String: ImportProfile.DimensionSource] = [:]
        for dimension in structure.dimensions {
            let value = self["dim.\(dimension.id).value"].trimmed
            switch self["dim.\(dimension.id).source"] {
            case "column" where CellReference.column(value.uppercased()) != nil: dimensions[dimension.id] = .column(value.uppercased())
            case "headerRow" where Int(value).map({ $0 >= 1 }) == true: dimensions[dimension.id] = .headerRow(Int(value)!)
            case "fixed" where !value.isEmpty: dimensions[dimension.id] = .fixed(value)
            default: problems.append("\(dimension.name): ‘\(value)’ is not a \(Self.sourceNames[self["dim.\(dimension.id).source"]] ?? "source").")
            }
        }
        let periodValue = self["period.value"].trimmed
        var period: ImportProfile.PeriodSource?
        switch self["period.source"] {
        case "column" where CellReference.column(periodValue.uppercased()) != nil: period = .column(periodValue.uppercased())
        case "yearAndSubperiod":
            let parts = periodValue.split(separator: ",").map { String($0).trimmed.uppercased() }
            if parts.count == 2, parts.allSatisfy({ CellReference.column($0) != nil }) { period = .yearAndSubperiod(yearColumn: parts[0], subperiodColumn: parts[1]) }
        case "sheetName": period = .sheetName
        case "cell" where CellReference.parse(periodValue.uppercased()) != nil: period = .cell(periodValue.uppercased())
        case "fixed" where (try? Period(parsing: periodValue)) != nil: period = .fixed(periodValue)
        default: break
        }
        if period == nil { problems.append("Period: ‘\(periodValue)’ does not fit ‘\(Self.periodSourceNames[self["period.source"]] ?? self["period.source"])’.") }
        guard let blankCells = ImportProfile.BlankCells(rawValue: self["blankCells"]) else {
            return .failure(MappingFormError(problems: problems + ["Empty cells: ‘\(self["blankCells"])’ is not a choice."]))
        }
        guard problems.isEmpty, let firstDataRow, let period else { return .failure(MappingFormError(problems: problems)) }
        let sheets = Self.list(self["sheets"])
        return .success(ImportProfile(
            datasetID: structure.id, sheets: sheets.isEmpty ? nil : sheets, firstDataRow: firstDataRow, valueColumns: valueColumns,
            dimensions: dimensions, period: period, totalColumns: totalColumns, totalLabels: Self.list(self["totalLabels"]),
            ignoreRowsStartingWith: Self.list(self["ignoreRows"]), blankCells: blankCells,
            aliases: previous?.aliases ?? [:], signature: nil))
    }

    static let sourceNames = ["column": "column letter", "headerRow": "header row number", "fixed": "code"]
    static let periodSourceNames = [
        "column": "a column", "yearAndSubperiod": "a year column and a quarter or month column (A, B)", "sheetName": "the sheet name",
        "cell": "a cell such as A1", "fixed": "one period such as 2022-11",
    ]

    /// `B, C, E-G` → B C E F G; every part that is not a column is a problem naming it.
    private func columns(_ name: String, label: String, problems: inout [String]) -> [String] {
        var result: [String] = []
        for part in Self.list(self[name]) {
            let ends = part.split(separator: "-").map { String($0).trimmed.uppercased() }
            guard (1...2).contains(ends.count), let first = CellReference.column(ends[0]), let last = CellReference.column(ends[ends.count - 1]), first <= last,
                  last - first < 1000
            else { problems.append("\(label): ‘\(part)’ is not a column or a range such as C-H."); continue }
            result += (first...last).map { CellReference.name(column: $0) }
        }
        return result
    }

    /// Consecutive columns written as ranges: C D E G → C-E, G.
    static func compact(_ letters: [String]) -> String {
        let numbers = letters.compactMap(CellReference.column)
        guard numbers.count == letters.count, numbers == numbers.sorted() else { return letters.joined(separator: ", ") }
        var parts: [String] = []
        var start = 0
        while start < numbers.count {
            var end = start
            while end + 1 < numbers.count && numbers[end + 1] == numbers[end] + 1 { end += 1 }
            parts.append(end > start ? "\(letters[start])-\(letters[end])" : letters[start])
            start = end + 1
        }
        return parts.joined(separator: ", ")
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    }
}

/// The mapping form's fields that could not be read.
struct MappingFormError: Error {
    var problems: [String]
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
