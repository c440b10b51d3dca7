import Foundation
import IMDMSCore

/// Takes a file for a dataset through reading, validation and atomic storage.
public struct IntakeService: Sendable {
    public enum Outcome: Sendable {
        case stored(Submission)
        case rejected([ImportProblem])
    }

    let store: Store
    let reference: ReferenceConfiguration

    public init(store: Store, reference: ReferenceConfiguration) {
        self.store = store
        self.reference = reference
    }

    /// Reads an SDMX-CSV 1.0 file; stores it whole as one submission, or stores nothing and
    /// returns every problem found.
    public func importSDMXCSV(
        _ data: Data, fileName: String, datasetID: String, channel: Submission.Channel,
        submittedBy: UUID? = nil, supersedes: UUID? = nil
    ) async throws -> Outcome {
        guard let structure = reference.structure(datasetID) else { throw StorageError.unknownDataset(datasetID) }
        let reader = SDMXCSVReader(structure: structure, codelists: reference.codelistsByID, agencyID: reference.agencyID)
        switch reader.read(data) {
        case let .invalid(problems):
            return .rejected(problems)
        case let .valid(observations):
            let submission = Submission(
                datasetID: datasetID, organisationID: structure.organisationID, submittedByUserID: submittedBy,
                source: SourceFile(name: fileName, contents: data), channel: channel, status: .submitted,
                supersedesID: supersedes
            )
            let stored = try await SubmissionRepository(store: store)
                .store(submission, observations: observations, structure: structure)
            return .stored(stored)
        }
    }
}
