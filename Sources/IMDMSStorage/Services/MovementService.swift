import Foundation
import IMDMSCore

/// Traveller records end to end: read and pseudonymise an extract, add it to the movement store,
/// then derive BORDER_CROSSINGS (monthly and daily), MIGRATION_FLOWS and VISITOR_STAYS again from everything stored and store them
/// as system submissions (superseding the previous derivation), for review like any other data.
public struct MovementService: Sendable {
    public struct Summary: Codable, Sendable {
        public var file: String
        public var rows: Int
        public var added: Int
        /// Rows that were stored before or repeat another row of the file.
        public var alreadyStored: Int
        public var people: Int
        public var crossingObservations: Int
        public var flowObservations: Int
        public var longTermArrivals: Int
        public var longTermDepartures: Int
        public var provisionalMonths: [String]
        /// Visitors' arrivals, and those that stayed (or are still present) beyond the permitted stay.
        public var visitorArrivals: Int
        public var overstays: Int
        public var permittedStayDays: Int
        /// Visits by arrival month (all citizenships).
        public var visitsByMonth: [String: VisitStatistics]
        public var derivedSubmissions: [String]
        public var problems: [ImportProblem]
    }

    /// Bytes of an extract read and stored at a time.
    static let pieceSize = 8 << 20

    let store: Store
    let reference: ReferenceConfiguration
    let pseudonymiser: Pseudonymiser
    let permittedStayDays: Int

    public init(store: Store, reference: ReferenceConfiguration, pseudonymiser: Pseudonymiser, permittedStayDays: Int = 90) {
        self.store = store
        self.reference = reference
        self.pseudonymiser = pseudonymiser
        self.permittedStayDays = permittedStayDays
    }

    public func importFile(_ original: Data, fileName: String, profile: MovementProfile = MovementProfile(), actor: String) async throws -> Summary {
        let incoming = IncomingFile(name: fileName, data: original)
        var converted = original
        if incoming.kind == .workbook {
            let grids: [Grid]
            do { grids = try incoming.grids() } catch {
                return Summary(file: fileName, rows: 0, added: 0, alreadyStored: 0, people: 0, crossingObservations: 0, flowObservations: 0,
                               longTermArrivals: 0, longTermDepartures: 0, provisionalMonths: [], visitorArrivals: 0, overstays: 0,
                               permittedStayDays: permittedStayDays, visitsByMonth: [:], derivedSubmissions: [],
                               problems: [ImportProblem(.unreadableFile, message: "\(error)")])
            }
            converted = grids.first.map { MovementWorkbook.csv(from: $0, timeColumn: profile.time) } ?? Data()
        }
        let data = converted
        let chunks = CSVChunks.split(data, size: Self.pieceSize)
        final class Cursor: @unchecked Sendable { var index = 0 }  // used by one task at a time, in order
        let cursor = Cursor()
        let sha256 = SourceFile.sha256(of: original)
        return try await importPieces(fileName: fileName, profile: profile, actor: actor, sha256: { sha256 }) {
            guard cursor.index < chunks.count else { return nil }
            defer { cursor.index += 1 }
            return (data.subdata(in: chunks[cursor.index].range), chunks[cursor.index].firstLine)
        }
    }

    /// An extract on disk: a CSV file is read in pieces straight from the file (memory for one
    /// piece, whatever the file's size); a workbook is read whole.
    public func importFile(atPath path: String, fileName: String, profile: MovementProfile = MovementProfile(), actor: String) async throws -> Summary {
        let head = FileHandle(forReadingAtPath: path).flatMap { handle in defer { try? handle.close() }; return try? handle.read(upToCount: 64) } ?? Data()
        if IncomingFile(name: fileName, data: head).kind == .workbook {
            return try await importFile(try Data(contentsOf: URL(fileURLWithPath: path)), fileName: fileName, profile: profile, actor: actor)
        }
        let reader = try CSVPieceReader(path: path, size: Self.pieceSize)
        return try await importPieces(fileName: fileName, profile: profile, actor: actor, sha256: { reader.sha256 }) { try reader.next() }
    }

    /// Reads, pseudonymises and stores the pieces `next` hands out (in one transaction), then
    /// derives the statistics again.
    private func importPieces(fileName: String, profile: MovementProfile, actor: String, sha256: @escaping @Sendable () -> String,
                              next: @escaping @Sendable () throws -> (Data, Int)?) async throws -> Summary {
        let aliases = try await AliasRepository(store: store).aliases(organisationID: "MOHA")
        let reader = try MovementReader(profile: profile, pseudonymiser: pseudonymiser, codelists: reference.codelistsByID, storedAliases: aliases)
        var summary = Summary(file: fileName, rows: 0, added: 0, alreadyStored: 0, people: 0, crossingObservations: 0,
                              flowObservations: 0, longTermArrivals: 0, longTermDepartures: 0, provisionalMonths: [], visitorArrivals: 0, overstays: 0,
                               permittedStayDays: permittedStayDays, visitsByMonth: [:], derivedSubmissions: [],
                              problems: [])
        // Piece by piece in one transaction: memory holds one piece; any problem rolls all back.
        final class Progress: @unchecked Sendable {  // used by one task at a time, in order
            var rows = 0
            var problems: [ImportProblem] = []
        }
        struct Rejected: Error {}
        let progress = Progress()
        let clock = ContinuousClock()
        var stageStart = clock.now
        func stage(_ name: String) {
            let now = clock.now
            store.logger.info("movements: \(name) in \(String(format: "%.1f", (now - stageStart) / .seconds(1))) s")
            stageStart = now
        }
        do {
            summary.added = try await MovementRepository(store: store).add(fileName: fileName, sha256: sha256, actor: actor) { inserter in
                var columns: [String: Int]?
                // Reading the next piece overlaps storing the last one (SQLite writes on its own
                // thread, PostgreSQL in its own process); one insertion runs at a time, in order.
                var insertion: Task<Void, any Error>?
                do {
                    while let (piece, firstLine) = try next() {
                        let part = reader.read(piece: piece, firstLine: firstLine, columns: columns)
                        try await insertion?.value
                        insertion = nil
                        columns = part.columns
                        progress.rows += part.rows
                        progress.problems += part.problems.prefix(max(0, MovementReader.problemLimit - progress.problems.count))
                        if progress.problems.isEmpty {
                            let movements = part.movements
                            insertion = Task { try await inserter.insert(movements) }
                        }
                    }
                    try await insertion?.value
                } catch {
                    // The transaction rolls back only once no insertion is still using its connection.
                    _ = try? await insertion?.value
                    throw error
                }
                if columns?.isEmpty ?? true, progress.problems.isEmpty {
                    progress.problems.append(ImportProblem(.emptyFile, message: "the file has no header line"))
                }
                guard progress.problems.isEmpty else { throw Rejected() }
                return progress.rows
            }
        } catch is Rejected {
            summary.rows = progress.rows
            summary.problems = progress.problems
            return summary
        }
        summary.rows = progress.rows
        summary.alreadyStored = summary.rows - summary.added
        stage("read and stored \(summary.rows) rows")
        guard summary.added > 0 else { return summary }  // nothing new: the derived statistics stand
        let derived = try await derive()
        stage("derived \(derived.people) people")
        summary.people = derived.people
        let crossings = derived.crossingObservations()
        summary.crossingObservations = crossings.count
        let flows = derived.flowObservations()
        summary.flowObservations = flows.count
        summary.longTermArrivals = Int(flows.filter { $0.key[0] == "ARR" }.compactMap(\.value).reduce(0, +))
        summary.longTermDepartures = Int(flows.filter { $0.key[0] == "DEP" }.compactMap(\.value).reduce(0, +))
        summary.provisionalMonths = derived.provisionalMonths.map(\.formatted).sorted()
        for (key, visit) in derived.visits {
            var month = summary.visitsByMonth[key[0], default: VisitStatistics()]
            month.visitors += visit.visitors
            month.completed += visit.completed
            month.totalDays += visit.totalDays
            month.stillPresent += visit.stillPresent
            month.overstays += visit.overstays
            summary.visitsByMonth[key[0]] = month
        }
        summary.visitorArrivals = summary.visitsByMonth.values.reduce(0) { $0 + $1.visitors }
        summary.overstays = summary.visitsByMonth.values.reduce(0) { $0 + $1.overstays }
        for (datasetID, observations) in [("BORDER_CROSSINGS", crossings), ("BORDER_CROSSINGS_DAILY", derived.dailyObservations()),
                                          ("MIGRATION_FLOWS", flows), ("VISITOR_STAYS", derived.visitObservations())] where !observations.isEmpty {
            guard let structure = reference.structure(datasetID) else { continue }
            let submission = Submission(datasetID: datasetID, organisationID: structure.organisationID, source: nil, channel: .system, status: .submitted)
            let stored = try await SubmissionRepository(store: store).store(submission, observations: observations, structure: structure)
            summary.derivedSubmissions.append(stored.id.uuidString)
            stage("stored \(observations.count) \(datasetID) observations")
        }
        return summary
    }

    /// Derives both datasets from the whole movement store.
    public func derive() async throws -> MigrationDerivation {
        let repository = MovementRepository(store: store)
        let end = try await repository.latestTime().flatMap { Movement(pseudonym: "", time: $0, borderPost: "", direction: .arrival, sex: "",
                                                                         age: nil, birthYear: nil, nationality: "", residence: "", purpose: "").date } ?? Date()
        return try await repository.derive(MigrationDerivation(homeCountry: reference.homeCountryCode, dataEnd: end.addingTimeInterval(60),
                                                                permittedStayDays: permittedStayDays))
    }
}
