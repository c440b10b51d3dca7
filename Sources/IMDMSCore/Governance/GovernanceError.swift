import Foundation

/// What can be wrong with an assessment framework, a framework workbook or an assessment's
/// answers: each message names the place (sheet, row, column, indicator) and the value.
public enum GovernanceError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidFramework(String)
    case workbook(sheet: String, row: Int?, column: String?, value: String?, message: String)
    case unknownIndicator(String)
    case unknownAnswer(indicator: String, value: String)
    case incomplete(missing: [String])
    case invalidLink(indicator: String, value: String)

    public var description: String {
        switch self {
        case let .invalidFramework(message): "The framework is not valid: \(message)."
        case let .workbook(sheet, row, column, value, message):
            "Sheet ‘\(sheet)’" + (row.map { ", row \($0)" } ?? "") + (column.map { ", column \($0)" } ?? "")
                + (value.map { " (‘\($0)’)" } ?? "") + ": \(message)."
        case let .unknownIndicator(code): "There is no indicator ‘\(code)’ in this framework."
        case let .unknownAnswer(indicator, value):
            "Indicator \(indicator): ‘\(value)’ is not one of the answers its scale allows."
        case let .incomplete(missing):
            "\(missing.count) indicator(s) have no answer: \(missing.prefix(10).joined(separator: ", "))\(missing.count > 10 ? ", …" : "")."
        case let .invalidLink(indicator, value): "Indicator \(indicator): the evidence link ‘\(value)’ is not an http(s) address."
        }
    }
}
