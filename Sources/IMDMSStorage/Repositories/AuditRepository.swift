import FluentKit
import Foundation
import IMDMSCore

/// Appends to the audit trail (inside the caller's transaction, so an action and its entry are
/// stored together or not at all) and verifies it. The head (last sequence and hash) is kept in
/// `settings`, so deleting entries at the end is detected too.
public struct AuditRepository: Sendable {
    static let headKey = "audit_head"
    let store: Store

    public init(store: Store) { self.store = store }

    /// Appends one entry on `database` (a transaction, usually).
    @discardableResult
    static func append(on database: any Database, actor: String, action: String, subject: String,
                       before: String? = nil, after: String? = nil) async throws -> AuditEntry {
        let last = try await AuditEntryModel.query(on: database).sort(\.$id, .descending).first()?.entry
        let entry = AuditEntry.make(after: last, at: Date(), actor: actor, action: action, subject: subject, before: before, after: after)
        try await AuditEntryModel(entry).create(on: database)
        let head = "\(entry.sequence):\(entry.hash)"
        if let setting = try await SettingModel.find(headKey, on: database) {
            setting.value = head
            try await setting.update(on: database)
        } else {
            try await SettingModel(key: headKey, value: head).create(on: database)
        }
        return entry
    }

    /// Appends one entry in its own transaction.
    @discardableResult
    public func append(actor: String, action: String, subject: String, before: String? = nil, after: String? = nil) async throws -> AuditEntry {
        try await store.database.transaction { tx in
            try await Self.append(on: tx, actor: actor, action: action, subject: subject, before: before, after: after)
        }
    }

    public func entries() async throws -> [AuditEntry] {
        try await AuditEntryModel.query(on: store.database).sort(\.$id).all().map(\.entry)
    }

    /// Entries matching the filters, newest first: `actor` exactly, `action` by its start
    /// (`submission.` for every workflow step), `subject` containing the text, `from`/`to` as
    /// ISO dates or times (UTC) bounding `at`.
    public func search(actor: String? = nil, action: String? = nil, subject: String? = nil, from: String? = nil, to: String? = nil,
                       limit: Int = 500) async throws -> [AuditEntry] {
        let query = AuditEntryModel.query(on: store.database).sort(\.$id, .descending).limit(limit)
        if let actor { query.filter(\.$actor == actor) }
        if let action { query.filter(\.$action =~ action) }
        if let subject { query.filter(\.$subject ~~ subject) }
        if let from { query.filter(\.$at >= from) }
        // `to` as a day includes the whole day: every time of it sorts below the day + "~".
        if let to { query.filter(\.$at <= (to.count == 10 ? to + "~" : to)) }
        return try await query.all().map(\.entry)
    }

    public func verify() async throws -> AuditVerification {
        let entries = try await entries()
        var head: (Int, String)?
        if let value = try await SettingModel.find(Self.headKey, on: store.database)?.value {
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2, let sequence = Int(parts[0]) { head = (sequence, parts[1]) }
        }
        return AuditVerification.verify(entries, head: head)
    }
}
