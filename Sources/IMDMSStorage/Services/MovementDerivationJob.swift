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

    /// The crossings and daily counts of the extract just stored, counted as it was read, when every
    /// row of it was new (D88). The derivation takes them when that extract is the only one pending
    /// (and, deriving the whole store, the store holds no other crossing): BORDER_CROSSINGS and its
    /// daily counts are then stored beside the reading of the people, not after it.
    public struct Precounted: Sendable {
        let extract: UUID
        let counts: MigrationDerivation

        public init(extract: UUID, counts: MigrationDerivation) {
            self.extract = extract
            self.counts = counts
        }

        /// Whether the counts are what the derivation would count: this extract is the only one
        /// pending and, deriving the whole store (`rebuild`), the store holds no crossing before it.
        func applies(to pending: [PendingExtract], rebuild: Bool, on sql: any SQLDatabase) async throws -> Bool {
            guard pending.count == 1, let only = pending.first, only.id == extract else { return false }
            guard rebuild else { return true }
            struct First: Decodable { var first: Int? }
            let first = try await sql.raw("SELECT MIN(id) AS first FROM movements").first(decoding: First.self)?.first
            return first.map { $0 >= only.firstID } ?? false
        }
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
        // On SQLite an extract's people are opened as it is stored (D91); the others are opened here.
        let unopened = rebuild ? pending : pending.filter { $0.peopleOpenedAfter == nil || $0.peopleOpenedAfter != previous }
        if deriving && (rebuild || !unopened.isEmpty) { try await people.open(batches: unopened, latest: previous, all: rebuild) }
        var added = MigrationDerivation(homeCountry: reference.homeCountryCode, dataEnd: newEnd, permittedStayDays: permittedStayDays)
        var takenAway = MigrationDerivation(homeCountry: reference.homeCountryCode, dataEnd: oldEnd, permittedStayDays: permittedStayDays)
        var checkpoints: [MovementPeople.Checkpoint] = []
        let revisions = DerivedRevisions(database: tx, seal: store.auditSeal)
        // The crossings counted as the one pending extract was read: its counts are stored on the
        // database's thread while the people are read and derived on this one (D88).
        var counted: MigrationDerivation?
        if let precounted, try await precounted.applies(to: pending, rebuild: rebuild, on: sql) { counted = precounted.counts }
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
            guard !checkpoints.isEmpty else { return }
            let batch = checkpoints, previous = writing
            checkpoints.removeAll(keepingCapacity: true)
            writing = Task { try await previous?.value; try await people.replace(with: batch) }
        }
        var read = 0
        do {
            func derive(_ person: MovementPeople.Person) {
                if counted == nil { added.count(crossings: person.movements, included: person.isNew) }
                // Each time read once; the old crossings (before the new ones, unless records came late) passed as they are.
                let moments = Movement.moments(of: person.movements)
                let oldCount = person.isNew.firstIndex(of: true) ?? person.isNew.count
                if !person.isNew[oldCount...].contains(false) {
                    takenAway.addOutcomes(of: person.movements[..<oldCount], moments: moments[..<oldCount], initiallyResident: person.resident, sign: -1)
                } else {
                    let old = person.isNew.indices.filter { !person.isNew[$0] }
                    takenAway.addOutcomes(of: old.map { person.movements[$0] }[...], moments: old.map { moments[$0] }[...],
                                          initiallyResident: person.resident, sign: -1)
                }
                let settled = added.addOutcomes(of: person.movements[...], moments: moments[...], initiallyResident: person.resident, sign: 1)
                let checkpoint = MovementPeople.Checkpoint(
                    pseudonym: person.pseudonym,
                    settledUntil: settled.count > 0 ? person.movements[settled.count - 1].time : person.settledUntil,
                    resident: settled.count > 0 ? settled.residentAfter : person.resident,
                    open: settled.count < person.movements.count,
                    openCrossings: person.openText(from: settled.count),
                    changesAt: settled.changesAt.map(Movement.timeText))
                if !checkpoint.isUnchanged(from: person) { checkpoints.append(checkpoint) }
                if checkpointsBeside && checkpoints.count >= Self.checkpointBatch { writeCheckpoints() }
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
        state.add(cells: kept.cells + added.cells + takenAway.cells)
        if deriving {
            if !checkpointsBeside { try await people.replace(with: checkpoints) }
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
            countRevisions = try await reviseCounts(of: added, held: heldBefore, rebuild: rebuild, with: revisions, on: sql)
        }
        for (datasetID, revision) in countRevisions { record(datasetID, revision) }
        let flows = state.flowObservations()
        for (index, target) in [flows, state.visitObservations()].enumerated() {
            guard let structure = reference.structure(Self.wholeDatasets[index]) else { continue }
            record(structure.id, try await revisions.revise(structure, target: target, stored: kept.stored[index], periods: nil))
        }
        return Outcome(derivation: state, flows: flows, submissions: stored, held: held, extracts: pending.count, peopleRead: read)
    }

    /// BORDER_CROSSINGS and BORDER_CROSSINGS_DAILY revised by the crossings `added` counted.
    private func reviseCounts(of added: MigrationDerivation, held: [String: [String]], rebuild: Bool, with revisions: DerivedRevisions,
                              on sql: any SQLDatabase) async throws -> [(String, DerivedRevisions.Revision)] {
        var revised: [(String, DerivedRevisions.Revision)] = []
        for (datasetID, new) in [("BORDER_CROSSINGS", added.crossingObservations()), ("BORDER_CROSSINGS_DAILY", added.dailyObservations())] {
            guard let structure = reference.structure(datasetID) else { continue }
            revised.append((datasetID, try await reviseCounts(structure, adding: new, held: held[datasetID] ?? [], rebuild: rebuild, with: revisions, on: sql)))
        }
        return revised
    }

    /// Crossings and daily counts: each new crossing adds one to its cell, so a changed period's
    /// values are the stored ones plus the new crossings' — except in a held period (or when
    /// rebuilding), whose values are counted again from the crossings.
    private func reviseCounts(_ structure: DataStructure, adding new: [Observation], held: [String], rebuild: Bool,
                              with revisions: DerivedRevisions, on sql: any SQLDatabase) async throws -> DerivedRevisions.Revision {
        let periods = Set(new.map(\.period.formatted)).union(held)
        let stored = try await revisions.stored(structure.id, periods: rebuild ? nil : periods.sorted())
        // Nothing stored and nothing held (a first derivation): the new counts are the values, in key
        // order as the derivation gives them (the UNIQUE index is then written in runs).
        if stored.isEmpty && held.isEmpty {
            return try await revisions.revise(structure, target: new, stored: stored, periods: rebuild ? nil : periods)
        }
        var target: [String: Observation] = [:]
        if !rebuild {
            for cell in stored.values where !held.contains(cell.period) {
                guard let period = try? Period(parsing: cell.period) else { continue }
                target[cell.cellKey] = Observation(key: cell.seriesKey.split(separator: ".", omittingEmptySubsequences: false).map(String.init),
                                                   period: period, value: cell.value, status: ObservationStatus(rawValue: cell.status) ?? .normal)
            }
        }
        for observation in new {
            let key = observation.seriesKey + "|" + observation.period.formatted
            if var existing = target[key], !held.contains(observation.period.formatted) {
                existing.value = (existing.value ?? 0) + (observation.value ?? 0)
                target[key] = existing
            } else if !held.contains(observation.period.formatted) {
                target[key] = observation
            }
        }
        for period in held {
            let counted = try await MovementRepository.counted(in: period, on: revisions.database, homeCountry: reference.homeCountryCode)
            for observation in structure.id == "BORDER_CROSSINGS" ? counted.crossingObservations() : counted.dailyObservations()
            where observation.period.formatted == period {
                target[observation.seriesKey + "|" + period] = observation
            }
        }
        let ordered = target.sorted { $0.key < $1.key }.map(\.value)  // ASCII: `<` compares bytes
        return try await revisions.revise(structure, target: ordered, stored: stored, periods: rebuild ? nil : periods)
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
