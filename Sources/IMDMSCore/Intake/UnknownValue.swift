/// A text that matched no code, reported once however often it occurs, with its best guesses.
public struct UnknownValue: Hashable, Sendable, Codable {
    public var dimensionID: String
    public var codelistID: String
    public var text: String
    public var sheet: String
    public var row: Int
    public var column: String
    public var occurrences: Int
    public var suggestions: [CodeSuggester.Suggestion]

    var problem: ImportProblem {
        var message = "not a code, name or alias in \(codelistID)"
        if let first = suggestions.first { message += "; did you mean \(first.name) (\(first.code))?" }
        if occurrences > 1 { message += " (\(occurrences) cells)" }
        return ImportProblem(.unknownCode, sheet: sheet, row: row, column: "\(column) (\(dimensionID))", value: text, message: message)
    }
}
