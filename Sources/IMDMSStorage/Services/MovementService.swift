import Foundation
import IMDMSCore

/// Traveller records end to end: read and pseudonymise an extract, add it to the movement store
/// (one transaction), then — in a second transaction, `MovementDerivationJob` — bring
/// BORDER_CROSSINGS (monthly and daily), MIGRATION_FLOWS and VISITOR_STAYS up to date with what
/// is new and store the changed periods as system submissions (revisions), for review like any
/// other data. Between the two the extract is pending; whatever stops the second, the next
/// intake or start completes it.
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
        /// Derived periods that changed but are approved and locked, by dataset: their revision is
        /// stored once a data manager reopens them (at the next intake or start).
        public var heldPeriods: [String: [String]] = [:]
        /// Dataset → values its revision stored (only the periods that changed, D50).
        public var revisedValues: [String: Int] = [:]
        /// People whose crossings were read again (new crossings, or an outcome still open).
        public var peopleRead = 0
        public var problems: [ImportProblem]
        /// The crossings are stored but their derived statistics are not (yet): see `problems`.
        public var derivationPending = false
    }

    /// Bytes of an extract read and stored at a time: 8 MB, or a quarter of a smaller file (at
    /// least 1 MB), so that reading the next piece goes on beside storing one — a monthly extract
    /// of 6.5 MB in one piece was read first and stored after, with one core idle each time.
    static func pieceSize(forBytes bytes: Int) -> Int { min(8 << 20, max(1 << 20, bytes / 4)) }

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

    /// `derive`: false stores the crossings only and leaves them pending (loading many extracts
    /// in a row, then deriving once: the next intake with `derive` or the server's start does it).
    public func importFile(_ original: Data, fileName: String, profile: MovementProfile = MovementProfile(), actor: String,
                           derive: Bool = true) async throws -> Summary {
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
        let chunks = CSVChunks.split(data, size: Self.pieceSize(forBytes: data.count))
        final class Cursor: @unchecked Sendable { var index = 0 }  // used by one task at a time, in order
        let cursor = Cursor()
        let sha256 = SourceFile.sha256(of: original)
        return try await importPieces(fileName: fileName, profile: profile, actor: actor, derive: derive, sha256: { sha256 }) {
            guard cursor.index < chunks.count else { return nil }
            defer { cursor.index += 1 }
            return (data.subdata(in: chunks[cursor.index].range), chunks[cursor.index].firstLine)
        }
    }

    /// An extract on disk: a CSV file is read in pieces straight from the file (memory for one
    /// piece, whatever the file's size); a workbook is read whole.
    public func importFile(atPath path: String, fileName: String, profile: MovementProfile = MovementProfile(), actor: String,
                           derive: Bool = true) async throws -> Summary {
        let head = FileHandle(forReadingAtPath: path).flatMap { handle in defer { try? handle.close() }; return try? handle.read(upToCount: 64) } ?? Data()
        if IncomingFile(name: fileName, data: head).kind == .workbook {
            return try await importFile(try Data(contentsOf: URL(fileURLWithPath: path)), fileName: fileName, profile: profile, actor: actor, derive: derive)
        }
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? Int.max
        let reader = try CSVPieceReader(path: path, size: Self.pieceSize(forBytes: bytes))
        return try await importPieces(fileName: fileName, profile: profile, actor: actor, derive: derive, sha256: { reader.sha256 }) { try reader.next() }
    }

    /// Reads, pseudonymises and stores the pieces `next` hands out (in one transaction), then
    /// derives the statistics again.
    private func importPieces(fileName: String, profile: MovementProfile, actor: String, derive: Bool, sha256: @escaping @Sendable () -> String,
                              next: @escaping @Sendable () throws -> (Data, Int)?) async throws -> Summary {
        let aliases = try await AliasRepository(store: store).aliases(organisationID: "MOHA")
        let reader = try MovementReader(profile: profile, pseudonymiser: pseudonymiser, codelists: reference.codelistsByID, storedAliases: aliases)
        var summary = Summary(file: fileName, rows: 0, added: 0, alreadyStored: 0, people: 0, crossingObservations: 0,
                              flowObservations: 0, longTermArrivals: 0, longTermDepartures: 0, provisionalMonths: [], visitorArrivals: 0, overstays: 0,
                               permittedStayDays: permittedStayDays, visitsByMonth: [:], derivedSubmissions: [],
                              problems: [])
        // Piece by piece in one transaction: memory holds one piece; any problem rolls all back.
        // Used by one task at a time, in order: `counted` by the counting tasks, the rest by the reading.
        final class Progress: @unchecked Sendable {
            var rows = 0
            var problems: [ImportProblem] = []
            var unknown = MovementUnknownValues()
            /// The crossings and daily counts of every row read (D88).
            var counted: MigrationDerivation
            init(homeCountry: String) { counted = MigrationDerivation(homeCountry: homeCountry, dataEnd: Date()) }
        }
        struct Rejected: Error {}
        let progress = Progress(homeCountry: reference.homeCountryCode)
        var stages = StageTimer(logger: store.logger)
        func stage(_ name: String) { stages.done(name) }
        let extract: UUID
        do {
            (summary.added, extract) = try await MovementRepository(store: store).add(fileName: fileName, sha256: sha256, actor: actor) { inserter in
                var columns: [String: Int]?
                // Reading the next piece overlaps storing the last one (SQLite writes on its own
                // thread, PostgreSQL in its own process); one insertion runs at a time, in order.
                var insertion: Task<Void, any Error>?
                // The crossings counted beside the reading, one piece at a time, in order (D95).
                var counting: Task<Void, Never>?
                do {
                    while let (piece, firstLine) = try next() {
                        let part = reader.read(piece: piece, firstLine: firstLine, columns: columns)
                        let clean = progress.problems.isEmpty && progress.unknown.isEmpty && part.problems.isEmpty && part.unknown.isEmpty
                        // The previous piece's count ran beside this piece's reading; one at a time,
                        // so no more than one piece waits to be counted.
                        await counting?.value
                        counting = clean ? Task { [movements = part.movements] in progress.counted.count(all: movements) } : nil
                        // Put in key order before waiting for the previous piece: beside its storing.
                        let rows = clean ? MovementRepository.Inserter.rows(part.movements) : nil
                        try await insertion?.value
                        insertion = nil
                        columns = part.columns
                        progress.rows += part.rows
                        progress.problems += part.problems.prefix(max(0, MovementReader.problemLimit - progress.problems.count))
                        progress.unknown.merge(part.unknown)
                        if let rows, progress.problems.isEmpty && progress.unknown.isEmpty {
                            insertion = Task { try await inserter.insert(rows) }
                        }
                    }
                    try await insertion?.value
                    await counting?.value
                } catch {
                    // The transaction rolls back only once no insertion is still using its connection.
                    _ = try? await insertion?.value
                    await counting?.value
                    throw error
                }
                // Each unknown text once, with its count, first rows and the nearest code.
                progress.problems += progress.unknown.problems(codelists: reference.codelistsByID)
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
        // The crossings' pages copied from SQLite's log to its file while the derivation runs (D84).
        let checkpoint = Task { await store.checkpoint() }
        // Every row new: what was counted as they were read is what the derivation would count (D88).
        let precounted = summary.added == summary.rows ? MovementDerivationJob.Precounted(extract: extract, counts: progress.counted) : nil
        do {
            let finished = try await derived(summary, derive: derive, precounted: precounted, stage: stage)
            await checkpoint.value
            return finished
        } catch {
            await checkpoint.value
            throw error
        }
    }

    /// The summary once the new crossings are derived (or left pending when `derive` is false).
    private func derived(_ stored: Summary, derive: Bool, precounted: MovementDerivationJob.Precounted?, stage: (String) -> Void) async throws -> Summary {
        var summary = stored
        guard derive else {
            let pending = try await MovementRepository(store: store).pendingBatches()
            summary.derivationPending = !pending.isEmpty
            return summary
        }
        // New crossings, or an earlier intake's that were never derived (a crash, a conflict).
        let job = MovementDerivationJob(store: store, reference: reference, permittedStayDays: permittedStayDays)
        let outcome: MovementDerivationJob.Outcome
        do {
            guard let done = try await job.runIfPending(precounted: precounted) else { return summary }  // nothing new: the derived statistics stand
            outcome = done
        } catch let error as StorageError {
            summary.derivationPending = true
            summary.problems = [ImportProblem(.conflict, message: "the crossings are stored, but the statistics derived from them could not be: \(error.description) "
                + "Nothing of them was stored; they are derived at the next intake or start once this is resolved.")]
            return summary
        }
        stage("derived \(outcome.derivation.people) people and stored the derived statistics")
        summary.fill(from: outcome)
        return summary
    }
}

extension MovementService.Summary {
    /// The figures of a derivation that was stored.
    mutating func fill(from outcome: MovementDerivationJob.Outcome) {
        let derived = outcome.derivation
        people = derived.people
        let flows = outcome.flows
        crossingObservations = outcome.submissions.first { $0.datasetID == "BORDER_CROSSINGS" }?.observations ?? 0
        flowObservations = flows.count
        longTermArrivals = Int(flows.filter { $0.key[0] == "ARR" }.compactMap(\.value).reduce(0, +))
        longTermDepartures = Int(flows.filter { $0.key[0] == "DEP" }.compactMap(\.value).reduce(0, +))
        provisionalMonths = derived.provisionalMonths.map(\.formatted).sorted()
        for (key, visit) in derived.visits {
            visitsByMonth[key[0], default: VisitStatistics()].add(visit)
        }
        visitorArrivals = visitsByMonth.values.reduce(0) { $0 + $1.visitors }
        overstays = visitsByMonth.values.reduce(0) { $0 + $1.overstays }
        derivedSubmissions = outcome.submissions.map(\.id.uuidString)
        heldPeriods = outcome.held
        revisedValues = Dictionary(outcome.submissions.map { ($0.datasetID, $0.observations) }, uniquingKeysWith: +)
        peopleRead = outcome.peopleRead
    }
}

extension MovementService.Summary {
    /// What the derivation stored and what waits, in words (the command line and the web page say the same).
    public var derivationLines: [String] {
        var lines: [String] = []
        if !revisedValues.isEmpty {
            lines.append("Submitted for review (only the periods that changed): "
                + revisedValues.keys.sorted().map { "\($0) (\(revisedValues[$0]!) values)" }.joined(separator: ", ") + ".")
        }
        for (dataset, periods) in heldPeriods.sorted(by: { $0.key < $1.key }) {
            lines.append("\(dataset) changed in approved period(s) \(periods.prefix(6).joined(separator: ", "))\(periods.count > 6 ? " and \(periods.count - 6) more" : ""): "
                + "the revision waits until a data manager reopens them.")
        }
        return lines
    }
}
