import Foundation
import IMDMSCore

/// The machine-readable result of an import, the same for `imdms import --format json` and the
/// API: what was (or would be) stored and every problem with sheet, row, column and value.
public struct ImportSummary: Codable, Sendable {
    public var status: String
    public var submission: String?
    public var dataset: String
    public var file: String
    public var sha256: String
    public var observations: Int
    public var valueSum: Double
    public var periods: [String]
    public var totalsChecked: Int
    public var blankCellsSkipped: Int
    public var notes: [String]
    public var problems: [ImportProblem]
    public var warnings: [ImportProblem]

    public init(_ outcome: IntakeService.Outcome) {
        let preview = outcome.preview
        switch outcome {
        case let .stored(stored, _): (status, submission) = ("stored", stored.id.uuidString)
        case .rejected: (status, submission) = ("rejected", nil)
        case .checked: (status, submission) = ("checked", nil)
        }
        dataset = preview.datasetID
        file = preview.fileName
        sha256 = preview.sha256
        observations = preview.observationCount
        valueSum = preview.valueSum
        periods = preview.periods
        totalsChecked = preview.totalsChecked
        blankCellsSkipped = preview.blankCellsSkipped
        notes = preview.notes
        problems = preview.problems
        warnings = preview.warnings
    }
}
