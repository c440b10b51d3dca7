import Foundation
import IMDMSCore
import SQLKit

/// Tables already computed, reused until the data changes. Every write that can change what a
/// table shows (a stored submission, a workflow step) bumps `data_version` in `settings` in its
/// own transaction, so a change by any process — the server, `imdms import` — is seen at the next
/// read. For the public, an entry holds between two release times (embargoed data becomes
/// visible at each).
public actor TableCache {
    struct Key: Hashable {
        var request: TableRequest
        var audience: String
        var disclosureControl: Bool
    }

    struct Entry {
        var table: TableResult
        var state: State
    }

    private var entries: [Key: Entry] = [:]
    public private(set) var hits = 0
    public private(set) var misses = 0
    static let limit = 2_000

    public init() {}

    /// A table made for the same data version and, for released data, a moment between the same
    /// release times.
    func table(_ key: Key, state: State, released: Bool) -> TableResult? {
        guard let entry = entries[key], entry.state.serves(state, released: released) else { misses += 1; return nil }
        hits += 1
        return entry.table
    }

    func keep(_ table: TableResult, for key: Key, state: State) {
        if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
        entries[key] = Entry(table: table, state: state)
    }

    /// Empties the cache (benchmarks measure cold reads this way).
    public func clear() { entries.removeAll() }

    static let versionKey = "data_version"

    /// Bumps the data version — the whole database's and `dataset`'s own — inside the caller's
    /// transaction. A table, cube or page of one dataset follows its own version, so storing labour
    /// figures does not throw away the border tables (D49); pages over many datasets follow the
    /// whole database's.
    static func bumpVersion(on database: any SQLDatabase, dataset: String) async throws {
        for key in [versionKey, versionKey + ":" + dataset] {
            let current = try await SettingsTable.value(key, on: database).flatMap { Int($0) } ?? 0
            try await SettingsTable.set(key, to: String(current + 1), on: database)
        }
    }

    /// What released data looks like at a moment: the data version, and the release times around
    /// the moment — the last one at or before it and the next one after it. Released data is the
    /// same for every moment between them, so a table made for one serves them all.
    /// Two moments with equal states see the same released data: the comparison is the
    /// database's own (a moment equal to a release time, to the microsecond, is after it there).
    struct State: Equatable {
        var version: Int
        var previousRelease: Date?
        var nextRelease: Date?

        /// Whether a table made in `self` serves a reader in `other`: the same data version and,
        /// for released data, the same release times around both moments.
        func serves(_ other: State, released: Bool) -> Bool {
            version == other.version && (!released || (previousRelease == other.previousRelease && nextRelease == other.nextRelease))
        }
    }

    /// `dataset`: that dataset's own data version; nil: the whole database's.
    static func state(_ database: any SQLDatabase, at moment: Date, dataset: String? = nil) async throws -> State {
        struct Release: Decodable { var at: Date? }
        let version = try await SettingsTable.value(dataset.map { versionKey + ":" + $0 } ?? versionKey, on: database).flatMap { Int($0) } ?? 0
        var around: [Date?] = []
        for (function, comparison) in [("MAX", SQLBinaryOperator.lessThanOrEqual), ("MIN", .greaterThan)] {
            around.append(try await database.select().column(SQLFunction(function, args: SQLColumn("release_at")), as: "at").from("submissions")
                .where("status", .equal, SQLBind(SubmissionStatus.published.rawValue)).where("release_at", comparison, SQLBind(moment))
                .first(decoding: Release.self)?.at)
        }
        return State(version: version, previousRelease: around[0], nextRelease: around[1])
    }
}

extension Store {
    /// What the public sees at `moment`, as a token: equal tokens, the same released data (the data
    /// version and the release times around the moment). Pages and downloads for the public are
    /// kept and validated (`ETag`) by it, in every process sharing the database.
    /// `dataset`: for outputs of that dataset alone (its own data version).
    public func publicDataToken(at moment: Date = Date(), dataset: String? = nil) async throws -> String {
        let state = try await TableCache.state(sql, at: moment, dataset: dataset)
        return "\(state.version)-\(state.previousRelease.map { Int($0.timeIntervalSince1970 * 1_000_000) } ?? 0)"
            + "-\(state.nextRelease.map { Int($0.timeIntervalSince1970 * 1_000_000) } ?? 0)"
    }
}
