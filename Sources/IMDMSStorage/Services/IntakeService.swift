import Foundation
import IMDMSCore

/// One engine for every intake channel (command line, web, API): a file is read, mapped through
/// an import profile (given, or proposed from the file), harmonised and validated; then stored
/// whole as one submission with the file kept, or not at all.
public struct IntakeService: Sendable {
    public enum Outcome: Sendable {
        case stored(Submission, ImportPreview)
        /// Nothing was stored: the preview lists every problem.
        case rejected(ImportPreview)
        /// A dry run: what would be stored.
        case checked(ImportPreview)

        public var preview: ImportPreview {
            switch self {
            case let .stored(_, preview), let .rejected(preview), let .checked(preview): preview
            }
        }
    }

    let store: Store
    let reference: ReferenceConfiguration

    public init(store: Store, reference: ReferenceConfiguration) {
        self.store = store
        self.reference = reference
    }

    /// `organisationID`: the producer delivering (default: the dataset's owner); its saved profiles
    /// and confirmed aliases apply, and a stored file's profile is saved for its next file.
    public func importFile(
        _ file: IncomingFile, datasetID: String, profile givenProfile: ImportProfile? = nil, channel: Submission.Channel,
        organisationID: String? = nil, submittedBy: UUID? = nil, actor: String? = nil, supersedes: UUID? = nil, dryRun: Bool = false,
        progress: (@Sendable (String, Int) -> Void)? = nil
    ) async throws -> Outcome {
        try await run(file, datasetID: datasetID, profile: givenProfile, channel: channel, organisationID: organisationID, submittedBy: submittedBy,
                      actor: actor, supersedes: supersedes, dryRun: dryRun, progress: progress).outcome
    }

    /// A dry run for the upload page: what would be stored, and the file's first sheet as read
    /// (the page shows it as a grid without reading the file again).
    public func check(_ file: IncomingFile, datasetID: String, profile: ImportProfile?, organisationID: String?, submittedBy: UUID?) async throws
        -> (preview: ImportPreview, firstGrid: Grid?) {
        let (outcome, grid) = try await run(file, datasetID: datasetID, profile: profile, channel: .web, organisationID: organisationID,
                                            submittedBy: submittedBy, actor: nil, supersedes: nil, dryRun: true, progress: nil)
        return (outcome.preview, grid)
    }

    private func run(
        _ file: IncomingFile, datasetID: String, profile givenProfile: ImportProfile?, channel: Submission.Channel,
        organisationID: String?, submittedBy: UUID?, actor: String?, supersedes: UUID?, dryRun: Bool,
        progress: (@Sendable (String, Int) -> Void)?
    ) async throws -> (outcome: Outcome, firstGrid: Grid?) {
        guard let structure = reference.structure(datasetID) else { throw StorageError.unknownDataset(datasetID) }
        let producer = organisationID ?? structure.organisationID
        let source = SourceFile(name: file.name, contents: file.data)
        var preview = ImportPreview(file: file, datasetID: datasetID, sha256: source.sha256)
        var context = IntakeReader.Context(
            given: givenProfile, progress: progress,
            saved: givenProfile == nil ? try await ImportProfileRepository(store: store).profiles(organisationID: producer, datasetID: datasetID) : [],
            aliases: try await AliasRepository(store: store).aliases(organisationID: producer)
        )
        let reader = IntakeReader(structure: structure, codelists: reference.codelistsByID, agencyID: reference.agencyID)
        guard let observations = reader.read(file, context: &context, preview: &preview) else {
            return (.rejected(preview), context.firstGrid)
        }
        let locations = context.locations
        preview.summarise(observations)
        let stored = try await StoredValuesReader(store: store)
            .values(datasetID: datasetID, periods: PlausibilityCheck.comparisonPeriods(for: observations), organisationID: producer)
        preview.warnings = PlausibilityCheck(stored: stored).warnings(for: observations, locations: locations)
        if dryRun { return (.checked(preview), context.firstGrid) }
        let submission = Submission(
            datasetID: datasetID, organisationID: structure.organisationID, submittedByUserID: submittedBy,
            source: source, channel: channel, status: .submitted, supersedesID: supersedes
        )
        // Who sent it, named once for the submission's history and the profile's audit entry.
        var by = actor ?? channel.rawValue
        if actor == nil, let submittedBy, let user = try await UserRepository(store: store).user(id: submittedBy) { by = "user:\(user.username)" }
        let saved = try await SubmissionRepository(store: store)
            .store(submission, observations: observations, structure: structure, content: file.data, actor: by)
        if var used = preview.profile, let grid = context.firstGrid {
            used.signature = used.signature(of: grid)
            try await ImportProfileRepository(store: store).save(used, organisationID: producer, by: by)
        }
        return (.stored(saved, preview), context.firstGrid)
    }

    /// Bytes and a file name through the same engine, for callers that need only "stored" or
    /// "these problems" (SDMX-CSV pushed by other systems, tests).
    public func importSDMXCSV(
        _ data: Data, fileName: String, datasetID: String, channel: Submission.Channel,
        submittedBy: UUID? = nil, supersedes: UUID? = nil
    ) async throws -> SDMXOutcome {
        switch try await importFile(IncomingFile(name: fileName, data: data), datasetID: datasetID, channel: channel,
                                    submittedBy: submittedBy, supersedes: supersedes) {
        case let .stored(submission, _): return .stored(submission)
        case let .rejected(preview), let .checked(preview): return .rejected(preview.problems)
        }
    }

    public enum SDMXOutcome: Sendable {
        case stored(Submission)
        case rejected([ImportProblem])
    }
}
