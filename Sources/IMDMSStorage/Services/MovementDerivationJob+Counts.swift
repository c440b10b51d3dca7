import Foundation
import IMDMSCore
import SQLKit

extension MovementDerivationJob {
    /// BORDER_CROSSINGS and BORDER_CROSSINGS_DAILY revised by the crossings `added` counted.
    func reviseCounts(of added: MigrationDerivation, held: [String: [String]], rebuild: Bool, with revisions: DerivedRevisions,
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
}
