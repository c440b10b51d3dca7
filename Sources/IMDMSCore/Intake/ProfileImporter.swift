import Foundation

/// Applies an import profile to the sheets of a file: every value cell becomes an observation
/// with codes harmonised by code, name or alias; totals are checked, not stored; every problem
/// is reported with sheet, row, column and value.
public struct ProfileImporter: Sendable {
    public struct Result: Sendable {
        public var observations: [Observation]
        public var problems: [ImportProblem]
        public var unknownValues: [UnknownValue]
        /// Total cells checked against the detail, for the preview.
        public var totalsChecked: Int
        /// Empty value cells left out (profile `blankCells: skip`).
        public var blankCellsSkipped: Int
        /// Where each observation's value was, by `series key + " " + period`.
        public var locations: [String: CellLocation]
    }

    public let profile: ImportProfile
    public let structure: DataStructure
    let matchers: [String: CodeMatcher]
    let suggesters: [String: CodeSuggester]

    /// `aliases`: per codelist, texts a producer confirmed (`"Other / unknown" → OTH`), added to
    /// those the profile itself carries.
    public init(profile: ImportProfile, structure: DataStructure, codelists: [String: Codelist], aliases producerAliases: [String: [String: String]] = [:]) {
        self.profile = profile
        self.structure = structure
        let aliases = profile.aliases.merging(producerAliases) { own, producer in own.merging(producer) { _, new in new } }
        var matchers: [String: CodeMatcher] = [:]
        var suggesters: [String: CodeSuggester] = [:]
        for dimension in structure.dimensions {
            guard let list = codelists[dimension.codelistID] else { continue }
            matchers[dimension.id] = CodeMatcher(codelist: list, extraAliases: aliases[list.id] ?? [:])
            suggesters[dimension.id] = CodeSuggester(codelist: list, extraAliases: aliases[list.id] ?? [:])
        }
        self.matchers = matchers
        self.suggesters = suggesters
    }

    public func read(_ grids: [Grid]) -> Result {
        var state = ProfileReadState()
        if let problems = layoutProblems(), !problems.isEmpty {
            return Result(observations: [], problems: problems, unknownValues: [], totalsChecked: 0, blankCellsSkipped: 0, locations: [:])
        }
        let chosen = profile.sheets.map { names in grids.filter { names.contains($0.name) } } ?? grids
        for name in profile.sheets ?? [] where !grids.contains(where: { $0.name == name }) {
            state.problems.append(ImportProblem(.missingColumn, sheet: name, message: "the file has no sheet '\(name)'"))
        }
        for grid in chosen {
            ProfileSheetReader(importer: self, grid: grid).read(into: &state)
        }
        let unknown = state.unknown.values.sorted { ($0.sheet, $0.row, $0.column) < ($1.sheet, $1.row, $1.column) }
        let problems = state.problems + unknown.map(\.problem)
        return Result(observations: problems.isEmpty ? state.observations : [], problems: problems, unknownValues: unknown,
                      totalsChecked: state.totalsChecked, blankCellsSkipped: state.blankCellsSkipped, locations: state.locations)
    }

    /// Every dimension has a source, every source names a real dimension, columns are letters.
    func layoutProblems() -> [ImportProblem]? {
        var problems: [ImportProblem] = []
        for dimension in structure.dimensions where profile.dimensions[dimension.id] == nil {
            problems.append(ImportProblem(.missingColumn, column: dimension.id, message: "the profile does not say where \(dimension.name) comes from"))
        }
        for id in profile.dimensions.keys.sorted() where structure.position(of: id) == nil {
            problems.append(ImportProblem(.unexpectedColumn, column: id, message: "\(structure.id) has no dimension \(id)"))
        }
        for letters in profile.valueColumns + profile.totalColumns where CellReference.column(letters) == nil {
            problems.append(ImportProblem(.unexpectedColumn, column: letters, message: "'\(letters)' is not a column letter"))
        }
        if profile.valueColumns.isEmpty {
            problems.append(ImportProblem(.missingColumn, message: "the profile names no value column"))
        }
        return problems
    }

    func match(_ text: String, dimension: String) -> String? {
        matchers[dimension]?.match(text)
    }

    func suggestions(_ text: String, dimension: String) -> [CodeSuggester.Suggestion] {
        suggesters[dimension]?.suggestions(for: text) ?? []
    }
}

/// What reading the sheets has gathered so far.
struct ProfileReadState {
    var observations: [Observation] = []
    var problems: [ImportProblem] = []
    var unknown: [String: UnknownValue] = [:]
    var seen: [String: String] = [:]
    var totalsChecked = 0
    var blankCellsSkipped = 0
    var locations: [String: CellLocation] = [:]
}
