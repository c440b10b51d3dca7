import Foundation
import IMDMSCore
import SQLKit

/// Tables already computed, reused until the data changes. Every write that can change what a
/// table shows (a stored submission, a workflow step) bumps `data_version` in `settings` in its
/// own transaction, so a change by any process — the server, `imdms import` — is seen at the next
/// read. For the public, an entry also expires at the next pending release time, when embargoed
/// data becomes visible.
public actor TableCache {
    struct Key: Hashable {
        var request: TableRequest
        var audience: String
        var disclosureControl: Bool
    }

    struct Entry {
        var table: TableResult
        var version: Int
        var validUntil: Date?
    }

    private var entries: [Key: Entry] = [:]
    public private(set) var hits = 0
    public private(set) var misses = 0
    static let limit = 2_000

    public init() {}

    func table(_ key: Key, version: Int, now: Date) -> TableResult? {
        guard let entry = entries[key], entry.version == version, entry.validUntil.map({ now < $0 }) ?? true else { misses += 1; return nil }
        hits += 1
        return entry.table
    }

    func keep(_ table: TableResult, for key: Key, version: Int, validUntil: Date?) {
        if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
        entries[key] = Entry(table: table, version: version, validUntil: validUntil)
    }

    /// Empties the cache (benchmarks measure cold reads this way).
    public func clear() { entries.removeAll() }

    static let versionKey = "data_version"

    /// Bumps the data version inside the caller's transaction.
    static func bumpVersion(on database: any SQLDatabase) async throws {
        struct Row: Decodable { var value: String }
        let current = try await database.select().column("value").from("settings").where("key", .equal, SQLBind(versionKey))
            .first(decoding: Row.self).flatMap { Int($0.value) }
        if let current {
            try await database.update("settings").set("value", to: SQLBind(String(current + 1))).where("key", .equal, SQLBind(versionKey)).run()
        } else {
            try await database.insert(into: "settings").columns("key", "value").values(SQLBind(versionKey), SQLBind("1")).run()
        }
    }

    /// The data version, and the next release time still to come (after which the public sees more).
    static func state(_ database: any SQLDatabase, now: Date) async throws -> (version: Int, nextRelease: Date?) {
        struct Version: Decodable { var value: String }
        struct Release: Decodable { var next: Date? }
        let version = try await database.select().column("value").from("settings").where("key", .equal, SQLBind(versionKey))
            .first(decoding: Version.self).flatMap { Int($0.value) } ?? 0
        let release = try await database.select().column(SQLFunction("MIN", args: SQLColumn("release_at")), as: "next").from("submissions")
            .where("status", .equal, SQLBind(SubmissionStatus.published.rawValue)).where("release_at", .greaterThan, SQLBind(now))
            .first(decoding: Release.self)?.next
        return (version, release)
    }
}
