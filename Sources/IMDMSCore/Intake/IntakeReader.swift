import Foundation

/// Reading a file for the intake, without I/O: SDMX-CSV as it is; a workbook or CSV through an
/// import profile — the one given, the producer's saved one for a file of the same shape, or one
/// proposed from the file — into observations, or into the problems that stop them. Storing is
/// `IntakeService`'s.
public struct IntakeReader: Sendable {
    /// What reading needs beyond the file (the profile given, the producer's saved profiles and
    /// confirmed aliases), and what it leaves for storing (cell locations, the first grid).
    public struct Context {
        public var given: ImportProfile?
        public var progress: (@Sendable (String, Int) -> Void)?
        public var saved: [ImportProfile]
        public var aliases: [String: [String: String]]
        public var locations: [String: CellLocation] = [:]
        public var firstGrid: Grid?

        public init(given: ImportProfile?, progress: (@Sendable (String, Int) -> Void)?, saved: [ImportProfile], aliases: [String: [String: String]]) {
            self.given = given
            self.progress = progress
            self.saved = saved
            self.aliases = aliases
        }
    }

    public let structure: DataStructure
    public let codelists: [String: Codelist]
    public let agencyID: String

    public init(structure: DataStructure, codelists: [String: Codelist], agencyID: String) {
        self.structure = structure
        self.codelists = codelists
        self.agencyID = agencyID
    }

    /// The observations of a clean file; `nil` (with the problems in the preview) otherwise.
    public func read(_ file: IncomingFile, context: inout Context, preview: inout ImportPreview) -> [Observation]? {
        if file.kind == .sdmxCSV {
            let outcome = SDMXCSVReader(structure: structure, codelists: codelists, agencyID: agencyID).read(file.data)
            preview.problems = outcome.problems
            return outcome.problems.isEmpty ? outcome.observations : nil
        }
        let grids: [Grid]
        do { grids = try file.grids(progress: context.progress) } catch {
            preview.problems = [ImportProblem(.unreadableFile, message: String(describing: error))]
            return nil
        }
        context.firstGrid = grids.first
        var profile = context.given
        preview.profileSource = profile == nil ? nil : .given
        if profile == nil, let first = grids.first {
            // The producer's saved profile for a file of the same shape applies without asking.
            profile = context.saved.first { $0.signature != nil && $0.signature == $0.signature(of: first) }
            if profile != nil { preview.profileSource = .saved }
        }
        if profile == nil {
            let proposal = ProfileProposer(structure: structure, codelists: codelists, aliases: context.aliases)
                .propose(grids, codelists: codelists)
            profile = proposal.profile
            preview.notes = proposal.notes
            preview.profileSource = .proposed
        }
        guard let profile else {
            preview.problems = [ImportProblem(.unreadableFile, message: "no layout could be recognised: " + preview.notes.joined(separator: "; "))]
            return nil
        }
        preview.profile = profile
        guard profile.datasetID == structure.id else {
            preview.problems = [ImportProblem(.wrongDataset, value: profile.datasetID, message: "the profile is for \(profile.datasetID), not \(structure.id)")]
            return nil
        }
        let result = ProfileImporter(profile: profile, structure: structure, codelists: codelists, aliases: context.aliases).read(grids)
        preview.problems = result.problems
        preview.unknownValues = result.unknownValues
        preview.totalsChecked = result.totalsChecked
        preview.blankCellsSkipped = result.blankCellsSkipped
        context.locations = result.locations
        return result.problems.isEmpty ? result.observations : nil
    }
}
