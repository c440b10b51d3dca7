import Foundation
import IMDMSCore

/// The governance scorecard (D37, D38) as a report document: the assessment of a year (default:
/// the latest the reader may see) beside an earlier one (default: the one before it). Shared by
/// the web page, the JSON API and `imdms report mgi-scorecard`.
public struct ScorecardBuilder: Sendable {
    /// The comparison year is not before the assessed year.
    public struct InvalidComparison: UserFacingError, Sendable {
        public var status: Int { 400 }
        public var year: Int, compare: Int
        public var description: String { "Compare \(year) with an earlier assessment, not \(compare)." }
    }

    let store: Store
    let reference: ReferenceConfiguration
    let translations: Translations

    public init(store: Store, reference: ReferenceConfiguration, translations: Translations = .english) {
        self.store = store
        self.reference = reference
        self.translations = translations
    }

    /// `visibility`: what the reader may see; `submitted`: also assessments waiting for review
    /// (those who answer them). Throws `StorageError.notFound` naming a year nobody may see.
    public func document(visibility: DataVisibility, submitted: Bool, year: Int? = nil, compare: Int? = nil) async throws -> (document: ReportDocument, year: Int) {
        var statuses = Set(visibility.statuses.map(\.rawValue))
        if submitted { statuses.insert(SubmissionStatus.submitted.rawValue) }
        let repository = AssessmentRepository(store: store)
        let visible = try await repository.list().filter { summary in
            statuses.contains(summary.status) && (summary.status != SubmissionStatus.published.rawValue || visibility.allowsRelease(at: summary.releaseAt))
        }
        guard let later = year.map({ y in visible.first { $0.year == y } }) ?? visible.first else {
            throw StorageError.notFound(year.map { "There is no assessment of \($0) you can see." } ?? "There is no assessment you can see yet.")
        }
        if let compare, compare >= later.year { throw InvalidComparison(year: later.year, compare: compare) }
        let earlier = try compare.map { y in
            guard let found = visible.first(where: { $0.year == y }) else { throw StorageError.notFound("There is no assessment of \(y) you can see.") }
            return found
        } ?? visible.first { $0.year < later.year }
        func entry(_ summary: AssessmentRepository.Summary) async throws -> (ScorecardReport.Entry, AssessmentFramework) {
            guard let stored = try await repository.load(summary.id), let score = stored.score else {
                throw StorageError.notFound("The \(summary.year) assessment is not complete.")
            }
            return (ScorecardReport.Entry(year: summary.year, status: summary.status, answers: stored.answers.mapValues(\.option), score: score), stored.framework)
        }
        let (laterEntry, framework) = try await entry(later)
        var earlierEntry: ScorecardReport.Entry?
        if let earlier { earlierEntry = try await entry(earlier).0 }
        let document = ScorecardReport(framework: framework, later: laterEntry, earlier: earlierEntry, countryName: reference.countryName).document(translations: translations)
        return (document, later.year)
    }
}
