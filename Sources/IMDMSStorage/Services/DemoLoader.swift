import Foundation
import IMDMSCore

/// Loads the deterministic demo data, one synthetic submission per dataset, into a database
/// that holds no real submissions.
public struct DemoLoader: Sendable {
    let store: Store
    let reference: ReferenceConfiguration

    public init(store: Store, reference: ReferenceConfiguration) {
        self.store = store
        self.reference = reference
    }

    public enum Outcome: Sendable, Equatable {
        case loaded(submissions: Int, observations: Int)
        case alreadyLoaded
    }

    /// Refuses a database with real submissions; does nothing when the demo is already there.
    public func load(years: ClosedRange<Int> = 2015...2025, scale: DemoDataGenerator.Scale = .demo) async throws -> Outcome {
        let submissions = SubmissionRepository(store: store)
        let real = try await submissions.realSubmissionCount()
        guard real == 0 else {
            throw StorageError.conflict(
                "this data folder holds \(real) real submission(s); demo data is only loaded into a folder without real data (use --data with a new folder)"
            )
        }
        guard try await submissions.syntheticSubmissionCount() == 0 else { return .alreadyLoaded }
        let generator = DemoDataGenerator(reference: reference, years: years, scale: scale)
        var total = 0
        for datasetID in generator.datasetIDs {
            guard let structure = reference.structure(datasetID) else { continue }
            let observations = generator.observations(for: datasetID)
            let submission = Submission(
                datasetID: datasetID, organisationID: structure.organisationID, source: nil, channel: .demo,
                status: .published, isSynthetic: true
            )
            try await submissions.store(submission, observations: observations, structure: structure)
            total += observations.count
        }
        let assessments = try await loadAssessments(years: years)
        return .loaded(submissions: generator.datasetIDs.count + assessments.submissions, observations: total + assessments.observations)
    }

    /// Two synthetic governance assessments on the illustrative framework, four years apart and
    /// published, so that the scorecard has something to compare; their answers are invented.
    func loadAssessments(years: ClosedRange<Int>) async throws -> (submissions: Int, observations: Int) {
        guard let structure = reference.structure(AssessmentRepository.datasetID), years.count > 4 else { return (0, 0) }
        let repository = AssessmentRepository(store: store)
        try await repository.installShipped()
        let framework = try AssessmentFramework.illustrative()
        let demo = User(username: "demo", displayName: "Demo data", role: .dataManager, organisationID: nil)
        // Four eyes: another (invented) data manager approves and publishes what "demo" submitted.
        let reviewer = User(username: "demo-reviewer", displayName: "Demo data reviewer", role: .dataManager, organisationID: nil)
        var random = SplitMix64(seed: 10_72)
        var options: [String: Int] = [:]  // indicator → option index, rising between the two years
        var count = (submissions: 0, observations: 0)
        for year in [years.upperBound - 5, years.upperBound - 1] {
            let id = try await repository.create(frameworkID: AssessmentRepository.frameworkID(framework), year: year,
                                                 organisationID: structure.organisationID, actor: "demo")
            let answers = framework.indicators.map { indicator -> AssessmentAnswer in
                let scale = framework.scale(indicator.scale)?.options ?? []
                let previous = options[indicator.code]
                let index = previous.map { min(scale.count - 1, max(0, $0 + Int(random.next() % 4) - 1)) } ?? Int(random.next() % UInt64(scale.count))
                options[indicator.code] = index
                return AssessmentAnswer(indicator: indicator.code, option: scale[index].code,
                                        evidence: "Synthetic demo answer (\(year)).", answeredBy: "demo")
            }
            let outcome = try await repository.save(id, answers: answers, by: demo, channel: .demo, structure: structure)
            if let submission = outcome.submission {
                let workflow = WorkflowRepository(store: store)
                _ = try await workflow.perform(.approve, on: submission.id, by: reviewer)
                _ = try await workflow.perform(.publish, on: submission.id, by: reviewer)
                count.submissions += 1
                count.observations += submission.observationCount
            }
        }
        return count
    }
}
