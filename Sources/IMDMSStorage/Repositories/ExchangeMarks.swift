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

    public func record(_ id: String, started: Date, query: String) async throws {
        try await SettingsTable.set(Self.key(id), to: ISO8601DateFormatter().string(from: started) + " " + query, on: store.sql)
    }
}
