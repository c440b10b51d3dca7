import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// Derives BORDER_CROSSINGS (monthly and daily), MIGRATION_FLOWS and VISITOR_STAYS from the
/// movement store **incrementally** (D50): only the people with new crossings or with outcomes still
/// open are read (from their checkpoint on), their old contributions taken away and their new ones
/// added to the kept cells, and each dataset's changed periods stored as a revision. Everything —
/// checkpoints, cells, revisions and the mark that the pending extracts are derived — is one
/// transaction: a crash or a conflict leaves the previous state as it was and the extracts pending,
/// and the next intake or start derives them (D46). The result always equals a derivation of the
/// whole store from scratch (`derive()`; tested).
public struct MovementDerivationJob: Sendable {
    public struct Outcome: Sendable {
        /// The derived statistics as they now stand (flows, visits, open months, people).
        public var derivation: MigrationDerivation
        /// The MIGRATION_FLOWS observations as they now stand (for the intake's summary).
        public var flows: [Observation]
        /// The revisions stored: dataset, submission, the observations it holds.
        public var submissions: [(datasetID: String, id: UUID, observations: Int)]
        /// Changed periods waiting for a locked (approved) period to be reopened, by dataset.
        public var held: [String: [String]]
        public var extracts: Int
        /// People whose crossings were read again (new crossings, or an outcome still open).
        public var peopleRead: Int
    }

    public static let datasets = ["BORDER_CROSSINGS", "BORDER_CROSSINGS_DAILY", "MIGRATION_FLOWS", "VISITOR_STAYS"]
    /// The datasets compared whole at each derivation (the counts are compared by period).
    static let wholeDatasets = ["MIGRATION_FLOWS", "VISITOR_STAYS"]
    /// Changed checkpoints written at a time while the people are still being derived (D91).
    static let checkpointBatch = 2_000
    /// The last crossing the kept state was derived to (settings key).
    static let latestKey = "movements:latest"

    let store: Store
    let reference: ReferenceConfiguration
    let permittedStayDays: Int

    public init(store: Store, reference: ReferenceConfiguration, permittedStayDays: Int = 90) {
        self.store = store
        self.reference = reference
        self.permittedStayDays = permittedStayDays
    }

    /// Derives and stores when some extract is pending, a held period may be published, or the kept
    /// state is missing; nil when there is nothing to do.
    public func runIfPending(precounted: Precounted? = nil) async throws -> Outcome? {
        let outcome = try await store.writeTransaction { tx in try await run(on: tx, precounted: precounted) }
        if let outcome, store.isPostgres && outcome.submissions.map(\.observations).reduce(0, +) >= SubmissionRepository.analyzeThreshold {
            try await store.sql.raw("ANALYZE observations, submissions").run()
        }
        return outcome
    }

    private func run(on tx: any Database, precounted: Precounted?) async throws -> Outcome? {
        let sql = tx.sql
        // One derivation at a time: a second one waits here, then finds nothing pending (on SQLite
        // the write transaction's lock does the same).
        if store.isPostgres {
            try await sql.raw("SELECT pg_advisory_xact_lock(4711016)").run()
            // For this transaction only. Each page of open people is sorted by person and time: in
            // the default 4 MB the sorts went to disk. Read by the index, a page of people costs
            // half what a scan of the whole store does; the default random_page_cost (4, for
            // spinning disks) had the planner scan the store once a page (2.6M crossings: 370 ms
            // against 190 ms a page of 5,500 people).
            try await sql.raw("SET LOCAL work_mem = '64MB'").run()
            try await sql.raw("SET LOCAL random_page_cost = 1.1").run()
        }
        let pending = try await MovementRepository.pendingBatches(on: sql)
        let previous = try await SettingsTable.value(Self.latestKey, on: sql)
        guard let latest = try await MovementRepository.latestTime(on: sql) else { return nil }
        let rebuild = previous == nil
        let heldBefore = try await DerivedRevisions.heldPeriods(on: sql)
        guard !pending.isEmpty || rebuild || !heldBefore.isEmpty else { return nil }

        var stages = StageTimer(logger: store.logger)
        func stage(_ name: String) { stages.done(name) }
        let newEnd = Self.end(of: latest), oldEnd = previous.map(Self.end(of:)) ?? newEnd
        let people = MovementPeople(database: tx)
        // Nothing new (a held period to publish): the kept state stands; no one is read.
        let deriving = rebuild || !pending.isEmpty
        // On SQLite an extract's people are opened as it is stored, against the `previous` of then (D91);
        // the others (no mark, or another starting point) are opened here.
        let unopened = rebuild ? pending : pending.filter { $0.peopleOpenedAfter != previous }
        if deriving && (rebuild || !unopened.isEmpty) { try await people.open(batches: unopened, latest: previous, all: rebuild) }
        let revisions = DerivedRevisions(database: tx, seal: store.auditSeal)
        // The crossings counted as the one pending extract was read: its counts are stored on the
        // database's thread while the people are read and derived on this one (D88).
        var counted: MigrationDerivation?
        if let precounted, try await precounted.applies(to: pending, rebuild: rebuild, on: sql) { counted = precounted.counts }
        var derivation = PeopleDerivation(
            added: MigrationDerivation(homeCountry: reference.homeCountryCode, dataEnd: newEnd, permittedStayDays: permittedStayDays),
            takenAway: MigrationDerivation(homeCountry: reference.homeCountryCode, dataEnd: oldEnd, permittedStayDays: permittedStayDays),
            counting: counted == nil)
        let counts = counted.map { counted in
            Task { try await reviseCounts(of: counted, held: heldBefore, rebuild: rebuild, with: revisions, on: sql) }
        }
        // What the end needs from the store is read meanwhile too: the kept cells and the current
        // values of the two datasets compared whole (nothing before the end writes them).
        let cells = MovementCells(database: tx)
        let before = Task { [rebuild] in
            var stored: [[String: DerivedRevisions.StoredCell]] = []
            for datasetID in Self.wholeDatasets { stored.append(try await revisions.stored(datasetID, periods: nil)) }
            return (cells: rebuild ? [] : try await cells.all(), stored: stored)
        }
        // The people are read on a connection of their own on SQLite (D89, D91). Deriving a small
        // extract, the transaction's connection is then free once the counts are stored: the changed
        // checkpoints are written there in batches as they are made. (Deriving everything, the
        // counts keep it busy throughout, and writing beside them made the whole slower.)
        let ownConnection: String? = if case let .sqlite(path) = store.location, deriving, rebuild || unopened.isEmpty { path } else { nil }
        let checkpointsBeside = ownConnection != nil && !rebuild
        var writing: Task<Void, any Error>?
        func writeCheckpoints() {
            guard !derivation.checkpoints.isEmpty else { return }
            let batch = derivation.checkpoints, previous = writing
            derivation.checkpoints.removeAll(keepingCapacity: true)
            writing = Task { try await previous?.value; try await people.replace(with: batch) }
        }
        var read = 0
        do {
            func derive(_ person: MovementPeople.Person) {
                derivation.derive(person)
                if checkpointsBeside && derivation.checkpoints.count >= Self.checkpointBatch { writeCheckpoints() }
            }
            if rebuild, let path = ownConnection {
                read = try await MovementPeople.forEachPersonFromScratch(sqlitePath: path, logger: store.logger, derive)
            } else if let path = ownConnection {
                // Every open person is committed: read beside the counts' storing (D91).
                read = try await MovementPeople.forEachOpenPerson(sqlitePath: path, logger: store.logger, newIn: pending, since: previous,
                                                                 end: Movement.timeText(newEnd), derive)
            } else if deriving {
                read = try await people.forEachOpenPerson(newIn: rebuild ? nil : pending, since: previous, end: Movement.timeText(newEnd), derive)
            }
            if checkpointsBeside { writeCheckpoints() }
            try await writing?.value
        } catch {
            // The transaction ends only once nothing started here still uses its connection.
            _ = try? await counts?.value
            _ = try? await before.value
            _ = try? await writing?.value
            throw error
        }
        let revisedBeside = try await counts?.value
        stage("read \(read) people again (new crossings or an outcome still open) and derived what changed"
              + (revisedBeside == nil ? "" : ", BORDER_CROSSINGS and BORDER_CROSSINGS_DAILY revised beside it"))
        var state = MigrationDerivation(homeCountry: reference.homeCountryCode, dataEnd: newEnd, permittedStayDays: permittedStayDays)
        let kept = try await before.value
        state.add(cells: kept.cells + derivation.added.cells + derivation.takenAway.cells)
        if deriving {
            if !checkpointsBeside { try await people.replace(with: derivation.checkpoints) }
            try await cells.replace(with: state.cells)
        }
        state.setCounts(people: try await people.count())
        try await SettingsTable.set(Self.latestKey, to: latest, on: sql)
        try await MovementRepository.markDerived(pending.map(\.id), at: Date(), on: sql)
        stage("kept the checkpoints and cells")

        var stored: [(String, UUID, Int)] = [], held: [String: [String]] = [:]
        func record(_ datasetID: String, _ revision: DerivedRevisions.Revision) {
            stage("\(datasetID): \(revision.periods.count) period(s) revised, \(revision.submission?.observationCount ?? 0) values stored")
            if let submission = revision.submission { stored.append((datasetID, submission.id, submission.observationCount)) }
            if !revision.held.isEmpty { held[datasetID] = revision.held }
        }
        let countRevisions: [(String, DerivedRevisions.Revision)]
        if let revisedBeside { countRevisions = revisedBeside } else {
            countRevisions = try await reviseCounts(of: derivation.added, held: heldBefore, rebuild: rebuild, with: revisions, on: sql)
        }
        for (datasetID, revision) in countRevisions { record(datasetID, revision) }
        let flows = state.flowObservations()
        for (index, target) in [flows, state.visitObservations()].enumerated() {
            guard let structure = reference.structure(Self.wholeDatasets[index]) else { continue }
            record(structure.id, try await revisions.revise(structure, target: target, stored: kept.stored[index], periods: nil))
        }
        return Outcome(derivation: state, flows: flows, submissions: stored, held: held, extracts: pending.count, peopleRead: read)
    }

    /// The end of the data for the 12/16-month windows: a minute after the last crossing.
    static func end(of latest: String) -> Date {
        (Movement.parseTime(latest) ?? .distantPast).addingTimeInterval(60)
    }

    /// The derivation over the whole movement store, from scratch (what the kept state must equal).
    public func derive() async throws -> MigrationDerivation {
        let repository = MovementRepository(store: store)
        let end = try await repository.latestTime().map(Self.end(of:)) ?? Date()
        return try await repository.derive(MigrationDerivation(homeCountry: reference.homeCountryCode, dataEnd: end,
                                                                permittedStayDays: permittedStayDays))
    }
}
