import Foundation
import IMDMSCore
import Logging
import SQLKit

/// The protected cube of each dataset that needs one — a disclosure threshold above 1, or a value
/// a producer sent as not for publication — per audience (released data for the public, approved
/// data for analysts), built on first use after each data version and kept until the next (for
/// the public, also until the next release time). A rebuilt cube keeps the protection of every
/// period whose data did not change. One build at a time per dataset and audience.
public actor ProtectedCubes {
    struct Key: Hashable {
        var datasetID: String
        var audience: String
    }

    struct Entry {
        var cube: ProtectedCube?
        var version: Int
        var validUntil: Date?
    }

    private var entries: [Key: Entry] = [:]
    private var building: [Key: Task<Entry, any Error>] = [:]
    public private(set) var builds = 0

    public init() {}

    /// The cube behind `structure`'s public outputs for a reader with `visibility`, or nil when the
    /// dataset needs no protection. `now` is the moment the reader asks at.
    public func cube(_ structure: DataStructure, codelists: [String: Codelist], visibility: DataVisibility, store: Store, now: Date) async throws -> ProtectedCube? {
        let audience: String
        switch visibility {
        case let .released(asOf) where abs(asOf.timeIntervalSince(now)) < 5: audience = "released"
        case .released: return try await Self.build(structure, codelists: codelists, visibility: visibility, store: store, previous: nil).cube
        case .approved: audience = "approved"
        case .allCurrent: audience = "all"
        }
        let key = Key(datasetID: structure.id, audience: audience)
        let state = try await TableCache.state(store.sql, now: now)
        if let entry = entries[key], entry.version == state.version, entry.validUntil.map({ now < $0 }) ?? true { return entry.cube }
        if let running = building[key] { return try await running.value.cube }
        let previous = entries[key]?.cube
        let task = Task { try await Self.build(structure, codelists: codelists, visibility: visibility, store: store, previous: previous) }
        building[key] = task
        defer { building[key] = nil }
        var entry = try await task.value
        entry.version = state.version
        entry.validUntil = audience == "released" ? state.nextRelease : nil
        entries[key] = entry
        builds += 1
        return entry.cube
    }

    /// Empties the cache (benchmarks measure a first build this way).
    public func clear() { entries.removeAll() }

    private static func build(_ structure: DataStructure, codelists: [String: Codelist], visibility: DataVisibility, store: Store,
                              previous: ProtectedCube?) async throws -> Entry {
        let reader = VisibleObservationsReader(store: store)
        let threshold = try await DisclosureRules(store: store).threshold(structure.id) ?? structure.disclosureThreshold
        let confidential = threshold > 1 ? [] : try await reader.datasetsWithConfidentialValues(visibility: visibility)
        guard threshold > 1 || confidential.contains(structure.id) else {
            return Entry(cube: nil, version: 0, validUntil: nil)
        }
        let observations = try await reader.observations(structure, visibility: visibility)
        let started = Date()
        let cube = ProtectedCube(structure: structure, codelists: codelists, threshold: threshold, observations: observations, previous: previous)
        let size = cube.size
        store.logger.info("protected cube \(structure.id): \(observations.count) observations, \(size.cells) cells, \(size.withheld) withheld, \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        if cube.unplaced > 0 {
            store.logger.warning("protected cube \(structure.id): \(cube.unplaced) observation(s) with a group code are not in public outputs")
        }
        return Entry(cube: cube, version: 0, validUntil: nil)
    }
}
