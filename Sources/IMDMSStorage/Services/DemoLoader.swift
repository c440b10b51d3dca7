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
        return .loaded(submissions: generator.datasetIDs.count, observations: total)
    }
}
