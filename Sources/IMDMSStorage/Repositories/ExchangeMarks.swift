import Foundation
import SQLKit

/// When each exchange mapping last pulled from its partner (D69): the next pull asks only for what
/// changed since (`updatedAfter`). Kept in the `settings` table, with the query that was asked.
public struct ExchangeMarks: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    static func key(_ id: String) -> String { "exchange.\(id).last_pull" }

    /// The start of the last pull that stored data (or found nothing new), or nil before the first.
    public func lastPull(_ id: String) async throws -> Date? {
        guard let text = try await SettingsTable.value(Self.key(id), on: store.sql) else { return nil }
        return ISO8601DateFormatter().date(from: String(text.prefix { $0 != " " }))
    }

    static func claimKey(_ id: String) -> String { "exchange.\(id).claim" }

    /// Takes the right to pull `id` for `seconds` (several servers on one database pull each
    /// mapping once): true when no other server holds it. Times are ISO 8601 UTC, which sort as text.
    public func claim(_ id: String, now: Date = Date(), seconds: TimeInterval = 900) async throws -> Bool {
        let format = ISO8601DateFormatter()
        let key = Self.claimKey(id), until = format.string(from: now.addingTimeInterval(seconds))
        try await store.sql.raw("INSERT INTO settings (key, value) VALUES (\(bind: key), '') ON CONFLICT (key) DO NOTHING").run()
        let taken = try await store.sql.raw("""
            UPDATE settings SET value = \(bind: until) WHERE key = \(bind: key) AND value < \(bind: format.string(from: now)) RETURNING key
            """).all()
        return !taken.isEmpty
    }

    /// Gives the right back, for the next due pull.
    public func release(_ id: String) async throws {
        try await SettingsTable.set(Self.claimKey(id), to: "", on: store.sql)
    }

    public func record(_ id: String, started: Date, query: String) async throws {
        try await SettingsTable.set(Self.key(id), to: ISO8601DateFormatter().string(from: started) + " " + query, on: store.sql)
    }
}
