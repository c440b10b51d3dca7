import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// Releases (D54, `M023_AddReleases`): claiming what became public, keeping the reports made for
/// it, the subscribers and the e-mail owed to each.
public struct ReleaseRepository: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    public struct Due: Sendable {
        public var release: Release
        public var datasets: Set<String>
    }

    /// Published submissions public at `now` that no release holds yet become one release, claimed
    /// in one transaction (a second server finds nothing left, or fails on the key and leaves it).
    /// Checked first outside the transaction: most rounds find nothing, and a write transaction
    /// would wait for the write lock (an import's, on SQLite; D73) just to learn that.
    public func claim(now: Date, reference: ReferenceConfiguration) async throws -> Due? {
        guard try await !Self.unreleased(now: now, on: store.sql).isEmpty else { return nil }
        do {
            return try await store.writeTransaction { tx -> Due? in
                let sql = tx.sql
                let rows = try await Self.unreleased(now: now, on: sql)
                guard !rows.isEmpty else { return nil }
                let parts = Dictionary(grouping: rows, by: \.dataset_id).map { datasetID, rows in
                    (name: reference.structure(datasetID)?.name ?? datasetID, first: rows.compactMap(\.first_period).min(), last: rows.compactMap(\.last_period).max())
                }
                let (title, summary) = Release.describe(parts)
                let release = Release(at: now, title: title, summary: summary)
                try await sql.insert(into: "releases").columns("id", "at", "title", "summary", "produced")
                    .values(SQLBind(release.id), SQLBind(now), SQLBind(title), SQLBind(summary), SQLLiteral.boolean(false)).run()
                for row in rows {
                    try await sql.insert(into: "release_deliveries").columns("submission_id", "release_id")
                        .values(SQLBind(row.id), SQLBind(release.id)).run()
                }
                return Due(release: release, datasets: Set(rows.map(\.dataset_id)))
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return nil  // another server claimed them first
        }
    }

    private struct Unreleased: Decodable { var id: UUID; var dataset_id: String; var first_period: String?; var last_period: String? }

    /// Published submissions public at `now` that no release holds yet.
    private static func unreleased(now: Date, on sql: any SQLDatabase) async throws -> [Unreleased] {
        try await sql.raw("""
            SELECT s.id, s.dataset_id, s.first_period, s.last_period FROM submissions s
            WHERE s.status = \(bind: SubmissionStatus.published.rawValue) AND (s.release_at IS NULL OR s.release_at <= \(bind: now))
            AND NOT EXISTS (SELECT 1 FROM release_deliveries d WHERE d.submission_id = s.id)
            """).all(decoding: Unreleased.self)
    }

    /// Releases whose reports are not all kept yet (a crash while making them): made again.
    public func unproduced() async throws -> [Due] {
        struct Row: Decodable { var id: UUID; var at: Date; var title: String; var summary: String; var dataset_id: String }
        let rows = try await store.sql.raw("""
            SELECT r.id, r.at, r.title, r.summary, s.dataset_id FROM releases r
            JOIN release_deliveries d ON d.release_id = r.id JOIN submissions s ON s.id = d.submission_id
            WHERE r.produced = \(false)
            """).all(decoding: Row.self)
        return Dictionary(grouping: rows, by: \.id).values.map { rows in
            Due(release: Release(id: rows[0].id, at: rows[0].at, title: rows[0].title, summary: rows[0].summary), datasets: Set(rows.map(\.dataset_id)))
        }
    }

    /// Keeps the reports made for a release and owes each subscriber an e-mail, in one transaction.
    public func produced(_ release: Release, documents: [(Release.Document, html: String)]) async throws {
        try await store.writeTransaction { tx in
            let sql = tx.sql
            try await sql.delete(from: "release_documents").where("release_id", .equal, SQLBind(release.id)).run()
            for (document, html) in documents {
                try await sql.insert(into: "release_documents").columns("release_id", "report_id", "title", "period", "html")
                    .values(SQLBind(release.id), SQLBind(document.reportID), SQLBind(document.title), SQLBind(document.period), SQLBind(html)).run()
            }
            // Due at once: the release time in whole seconds (a stored time may come back rounded up
            // by a fraction of a millisecond, and must not then be later than the round's moment).
            let due = Date(timeIntervalSince1970: (release.at.timeIntervalSince1970 - 1).rounded(.down))
            try await sql.raw("""
                INSERT INTO release_messages (release_id, address, attempts, next_attempt_at)
                SELECT \(bind: release.id), address, 0, \(bind: due) FROM subscribers
                """).run()
            try await sql.update("releases").set("produced", to: SQLLiteral.boolean(true)).where("id", .equal, SQLBind(release.id)).run()
        }
    }

    /// The latest releases, newest first, with their reports; `ids`: those releases only.
    public func list(limit: Int = 50, ids: [UUID]? = nil) async throws -> [Release] {
        struct Row: Decodable { var id: UUID; var at: Date; var title: String; var summary: String }
        struct Doc: Decodable { var release_id: UUID; var report_id: String; var title: String; var period: String }
        let select = store.sql.select().columns("id", "at", "title", "summary").from("releases")
            .where("produced", .equal, SQLLiteral.boolean(true))
        if let ids { select.where("id", .in, SQLBind.group(ids)) } else { select.limit(limit) }
        let rows = try await select.orderBy("at", .descending).all(decoding: Row.self)
        guard !rows.isEmpty else { return [] }
        let docs = try await store.sql.select().columns("release_id", "report_id", "title", "period").from("release_documents")
            .where("release_id", .in, SQLBind.group(rows.map(\.id))).orderBy("title").all(decoding: Doc.self)
        let byRelease = Dictionary(grouping: docs, by: \.release_id)
        return rows.map { row in
            Release(id: row.id, at: row.at, title: row.title, summary: row.summary,
                    documents: (byRelease[row.id] ?? []).map { Release.Document(reportID: $0.report_id, title: $0.title, period: $0.period) })
        }
    }

    /// A report as it was released.
    public func document(release: UUID, report: String) async throws -> String? {
        struct Row: Decodable { var html: String }
        return try await store.sql.select().column("html").from("release_documents")
            .where("release_id", .equal, SQLBind(release)).where("report_id", .equal, SQLBind(report)).first(decoding: Row.self)?.html
    }

    // MARK: Subscribers and their e-mail

    public func subscribe(_ address: String, by actor: String) async throws {
        let address = address.trimmingCharacters(in: .whitespaces)
        guard ReleaseWebhook.isWebhook(address) || address.contains("@"),
              !address.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," }) else {
            throw StorageError.invalid("‘\(address)’ is neither an e-mail address nor a webhook URL (http:// or https://)")
        }
        try await store.writeTransaction { tx in
            try await tx.sql.insert(into: "subscribers").columns("address", "added_by", "added_at")
                .values(SQLBind(address), SQLBind(actor), SQLBind(Date())).ignoringConflicts().run()
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: "subscriber.add", subject: "subscriber", after: "an address was added")
        }
    }

    public func unsubscribe(_ address: String, by actor: String) async throws {
        try await store.writeTransaction { tx in
            let sql = tx.sql
            try await sql.delete(from: "subscribers").where("address", .equal, SQLBind(address)).run()
            try await sql.delete(from: "release_messages").where("address", .equal, SQLBind(address)).where("sent_at", .is, SQLLiteral.null).run()
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: actor, action: "subscriber.remove", subject: "subscriber", after: "an address was removed")
        }
    }

    public func subscribers() async throws -> [String] {
        struct Row: Decodable { var address: String }
        return try await store.sql.select().column("address").from("subscribers").orderBy("address").all(decoding: Row.self).map(\.address)
    }

    public struct Message: Sendable {
        public var release: Release
        public var address: String
    }

    /// E-mail owed at `now`: not sent, next attempt due. Each is taken by moving its next attempt
    /// on (an `UPDATE … RETURNING`), so two servers never send the same one at once.
    public func dueMessages(now: Date, retryAfter: TimeInterval = 300) async throws -> [Message] {
        struct Key: Decodable { var release_id: UUID; var address: String }
        struct Taken: Decodable { var address: String }
        let candidates = try await store.sql.select().columns("release_id", "address").from("release_messages")
            .where("sent_at", .is, SQLLiteral.null).where("next_attempt_at", .lessThanOrEqual, SQLBind(now)).where("attempts", .lessThan, SQLBind(20))
            .all(decoding: Key.self)
        guard !candidates.isEmpty else { return [] }
        // The releases the owed messages belong to, however old (not only the latest few).
        let releases = Dictionary(uniqueKeysWithValues: try await list(ids: Array(Set(candidates.map(\.release_id)))).map { ($0.id, $0) })
        var taken: [Message] = []
        for key in candidates {
            guard let release = releases[key.release_id] else { continue }
            let rows = try await store.sql.update("release_messages")
                .set("next_attempt_at", to: SQLBind(now.addingTimeInterval(retryAfter))).set("attempts", to: SQLRaw("attempts + 1"))
                .where("release_id", .equal, SQLBind(key.release_id)).where("address", .equal, SQLBind(key.address))
                .where("sent_at", .is, SQLLiteral.null).where("next_attempt_at", .lessThanOrEqual, SQLBind(now))
                .returning("address").all(decoding: Taken.self)
            if !rows.isEmpty { taken.append(Message(release: release, address: key.address)) }
        }
        return taken
    }

    public func sent(_ message: Message, at: Date) async throws {
        try await store.sql.update("release_messages").set("sent_at", to: SQLBind(at)).set("last_error", to: SQLLiteral.null)
            .where("release_id", .equal, SQLBind(message.release.id)).where("address", .equal, SQLBind(message.address)).run()
    }

    public func failed(_ message: Message, error: String) async throws {
        try await store.sql.update("release_messages").set("last_error", to: SQLBind(String(error.prefix(500))))
            .where("release_id", .equal, SQLBind(message.release.id)).where("address", .equal, SQLBind(message.address)).run()
    }

    /// Per release: messages sent, and those still owed with their last error.
    public func deliveryState(_ release: UUID) async throws -> (sent: Int, owed: [(address: String, error: String?)]) {
        struct Row: Decodable { var address: String; var sent_at: Date?; var last_error: String? }
        let rows = try await store.sql.select().columns("address", "sent_at", "last_error").from("release_messages")
            .where("release_id", .equal, SQLBind(release)).all(decoding: Row.self)
        return (rows.filter { $0.sent_at != nil }.count, rows.filter { $0.sent_at == nil }.map { ($0.address, $0.last_error) })
    }
}
