import Foundation
import IMDMSCore
import SQLKit

/// When each dataset last changed as a reader may see it, and when its next announced release
/// is: the catalogue's "last update" and "next release".
public struct ReleaseCalendarReader: Sendable {
    public struct Entry: Sendable, Hashable {
        public var lastUpdate: Date?
        public var nextRelease: Date?
    }

    let store: Store

    public init(store: Store) { self.store = store }

    private struct Row: Decodable { var dataset_id: String; var at: Date? }

    public func calendar(visibility: DataVisibility, now: Date = Date()) async throws -> [String: Entry] {
        var result: [String: Entry] = [:]
        func note(_ rows: [Row], _ update: (inout Entry, Date) -> Void) {
            for row in rows { if let at = row.at { update(&result[row.dataset_id, default: Entry()], at) } }
        }
        let later: (inout Entry, Date) -> Void = { entry, at in entry.lastUpdate = max(entry.lastUpdate ?? at, at) }
        // Visible submissions: created, released, and moved through the workflow.
        for column in ["created_at", "release_at"] {
            note(try await store.sql.select().column(SQLColumn("dataset_id", table: "s"))
                .column(SQLFunction("MAX", args: SQLColumn(column, table: "s")), as: "at")
                .from(SQLAlias(SQLIdentifier("submissions"), as: SQLIdentifier("s")))
                .visible(to: visibility, submissions: "s")
                .groupBy(SQLColumn("dataset_id", table: "s")).all(decoding: Row.self), later)
        }
        note(try await store.sql.select().column(SQLColumn("dataset_id", table: "s"))
            .column(SQLFunction("MAX", args: SQLColumn("at", table: "e")), as: "at")
            .from(SQLAlias(SQLIdentifier("submission_events"), as: SQLIdentifier("e")))
            .join(SQLAlias(SQLIdentifier("submissions"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: "s"), .equal, SQLColumn("submission_id", table: "e"))
            .visible(to: visibility, submissions: "s")
            .groupBy(SQLColumn("dataset_id", table: "s")).all(decoding: Row.self), later)
        // Announced releases still to come (their time is public; their data is not).
        note(try await store.sql.select().column("dataset_id")
            .column(SQLFunction("MIN", args: SQLColumn("release_at")), as: "at").from("submissions")
            .where("status", .equal, SQLBind(SubmissionStatus.published.rawValue)).where("release_at", .greaterThan, SQLBind(now))
            .groupBy("dataset_id").all(decoding: Row.self)) { entry, at in entry.nextRelease = at }
        return result
    }
}
