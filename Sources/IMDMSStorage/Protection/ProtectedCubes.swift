import Foundation
import IMDMSCore
import Logging
import SQLKit

/// The protected cube of each dataset that needs one — a disclosure threshold above 1, or a value
/// a producer sent as not for publication — per audience (released data for the public, approved
/// data for analysts), built on first use after each data version and kept until the next (for
/// the public, between the same two release times). A rebuilt cube keeps the protection of every
/// period whose data did not change. One build at a time per dataset and audience.
public actor ProtectedCubes {
    struct Key: Hashable {
        var datasetID: String
        var audience: String
    }

    struct Entry {
        var cube: ProtectedCube?
        var state: TableCache.State?
    }

    private var entries: [Key: Entry] = [:]
    private var building: [Key: (task: Task<Entry, any Error>, state: TableCache.State)] = [:]
    public private(set) var builds = 0

    public init() {}

    /// The cube behind `structure`'s public outputs for a reader with `visibility`, or nil when the
    /// dataset needs no protection. `now` is the moment the reader asks at.
    public func cube(_ structure: DataStructure, codelists: [String: Codelist], visibility: DataVisibility, store: Store, now: Date) async throws -> ProtectedCube? {
        let (audience, moment): (String, Date?) = switch visibility {
        case let .released(asOf): ("released", asOf)
        case .approved: ("approved", nil)
        case .allCurrent: ("all", nil)
        }
        let key = Key(datasetID: structure.id, audience: audience)
        let state = try await TableCache.state(store.sql, at: moment ?? now, dataset: structure.id)
        if let entry = entries[key], let built = entry.state, built.serves(state, released: moment != nil) { return entry.cube }
        if let running = building[key], running.state.serves(state, released: moment != nil) {
            return try await running.task.value.cube
        }
        let previous = entries[key]?.cube
        let task = Task { try await Self.build(structure, codelists: codelists, visibility: visibility, store: store, previous: previous) }
        building[key] = (task, state)
        defer { if building[key]?.state == state { building[key] = nil } }
        var entry = try await task.value
        entry.state = state
        entries[key] = entry
        builds += 1
        return entry.cube
    }

    /// Empties the cache (benchmarks measure a first build this way).
    public func clear() { entries.removeAll() }

    /// Marks every cube out of date, as a new data version does: the next read rebuilds it,
    /// keeping the protection of unchanged periods (benchmarks measure that rebuild this way).
    public func expire() {
        for key in Array(entries.keys) { entries[key]?.state?.version = -1 }
    }

    private static func build(_ structure: DataStructure, codelists: [String: Codelist], visibility: DataVisibility, store: Store,
                              previous: ProtectedCube?) async throws -> Entry {
        let reader = VisibleObservationsReader(store: store)
        let threshold = try await DisclosureRules(store: store).threshold(structure.id) ?? structure.disclosureThreshold
        let confidential = threshold > 1 ? [] : try await reader.datasetsWithConfidentialValues()
        guard threshold > 1 || confidential.contains(structure.id) else {
            return Entry(cube: nil, state: nil)
        }
        let observations = try await reader.observations(structure, visibility: visibility)
        let started = Date()
        let cube = ProtectedCube(structure: structure, codelists: codelists, threshold: threshold, observations: observations, previous: previous)
        let size = cube.size
        store.logger.info("protected cube \(structure.id): \(observations.count) observations, \(size.cells) cells, \(size.withheld) withheld, \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        if cube.unplaced > 0 {
            store.logger.warning("protected cube \(structure.id): \(cube.unplaced) observation(s) with a group code are not in public outputs")
        }
        return Entry(cube: cube, state: nil)
    }
}
