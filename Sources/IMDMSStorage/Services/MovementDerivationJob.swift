import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// Derives BORDER_CROSSINGS (monthly and daily), MIGRATION_FLOWS and VISITOR_STAYS from the whole
/// movement store and stores them as system submissions — all four and the mark that the pending
/// extracts are now derived in **one** transaction: a crash or a conflict leaves the previous
/// derived statistics as they were and the extracts pending, and the next intake or start derives
/// them again (D46).
public struct MovementDerivationJob: Sendable {
    public struct Outcome: Sendable {
        public var derivation: MigrationDerivation
        /// The MIGRATION_FLOWS observations stored (for the intake's summary: made once).
        public var flows: [Observation]
        /// Dataset id → the stored submission.
        public var submissions: [(datasetID: String, id: UUID, observations: Int)]
        public var extracts: Int
    }

    public static let datasets = ["BORDER_CROSSINGS", "BORDER_CROSSINGS_DAILY", "MIGRATION_FLOWS", "VISITOR_STAYS"]

    let store: Store
    let reference: ReferenceConfiguration
    let permittedStayDays: Int

    public init(store: Store, reference: ReferenceConfiguration, permittedStayDays: Int = 90) {
        self.store = store
        self.reference = reference
        self.permittedStayDays = permittedStayDays
    }

    /// Derives and stores when some extract is pending; nil when every extract is already derived.
    public func runIfPending() async throws -> Outcome? {
        let pending = try await MovementRepository(store: store).pendingBatches()
        guard !pending.isEmpty else { return nil }
        let derivation = try await derive()
        let flows = derivation.flowObservations()
        let sets: [(String, [Observation])] = [
            ("BORDER_CROSSINGS", derivation.crossingObservations()), ("BORDER_CROSSINGS_DAILY", derivation.dailyObservations()),
            ("MIGRATION_FLOWS", flows), ("VISITOR_STAYS", derivation.visitObservations()),
        ]
        let seal = store.auditSeal
        let reference = reference
        let submissions = try await store.database.transaction { tx in
            var stored: [(datasetID: String, id: UUID, observations: Int)] = []
            for (datasetID, observations) in sets where !observations.isEmpty {
                guard let structure = reference.structure(datasetID) else { continue }
                let submission = Submission(datasetID: datasetID, organisationID: structure.organisationID, source: nil, channel: .system, status: .submitted)
                let saved = try await SubmissionRepository.store(submission, observations: observations, structure: structure, content: nil, on: tx, seal: seal)
                stored.append((datasetID, saved.id, observations.count))
            }
            try await MovementRepository.markDerived(pending, at: Date(), on: tx as! any SQLDatabase)
            return stored
        }
        if store.isPostgres && sets.map(\.1.count).reduce(0, +) >= SubmissionRepository.analyzeThreshold {
            try await store.sql.raw("ANALYZE observations").run()
        }
        return Outcome(derivation: derivation, flows: flows, submissions: submissions, extracts: pending.count)
    }

    /// The derivation over the whole movement store.
    public func derive() async throws -> MigrationDerivation {
        let repository = MovementRepository(store: store)
        let end = try await repository.latestTime().flatMap { Movement(pseudonym: "", time: $0, borderPost: "", direction: .arrival, sex: "",
                                                                         age: nil, birthYear: nil, nationality: "", residence: "", purpose: "").date } ?? Date()
        return try await repository.derive(MigrationDerivation(homeCountry: reference.homeCountryCode, dataEnd: end.addingTimeInterval(60),
                                                                permittedStayDays: permittedStayDays))
    }
}
