/// What an import would store, shown before anything is stored: counts, a sample, the profile
/// used and every problem.
public struct ImportPreview: Sendable, Codable {
    public var fileName: String
    public var fileKind: IncomingFile.Kind
    public var datasetID: String
    public var sha256: String
    public var profile: ImportProfile?
    /// Where the profile came from.
    public var profileSource: ProfileSource?
    /// What the proposal could not decide or assumed (a dimension missing from the file, …).
    public var notes: [String]
    public var observationCount: Int
    public var valueSum: Double
    public var periods: [String]
    public var sample: [Observation]
    public var problems: [ImportProblem]
    /// Names that matched no code, each once, with suggestions (also among `problems`).
    public var unknownValues: [UnknownValue]
    /// Shown, not blocking: unusual changes against the data already stored.
    public var warnings: [ImportProblem]
    public var totalsChecked: Int
    public var blankCellsSkipped: Int

    public init(file: IncomingFile, datasetID: String, sha256: String) {
        self.fileName = file.name
        self.fileKind = file.kind
        self.datasetID = datasetID
        self.sha256 = sha256
        self.profile = nil
        self.profileSource = nil
        self.notes = []
        self.observationCount = 0
        self.valueSum = 0
        self.periods = []
        self.sample = []
        self.problems = []
        self.warnings = []
        self.unknownValues = []
        self.totalsChecked = 0
        self.blankCellsSkipped = 0
    }

    /// Fills the counts from the observations that would be stored.
    public mutating func summarise(_ observations: [Observation]) {
        observationCount = observations.count
        valueSum = observations.reduce(0) { $0 + ($1.value ?? 0) }
        periods = Array(Set(observations.map(\.period))).sorted().map(\.formatted)
        sample = Array(observations.prefix(10))
    }
}
