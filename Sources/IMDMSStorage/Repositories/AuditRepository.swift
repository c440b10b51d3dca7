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

    /// Appends one entry on `database` (a transaction, usually), sealed with `seal` (the store's).
    @discardableResult
    static func append(on database: any Database, seal: AuditSeal?, actor: String, action: String, subject: String,
                       before: String? = nil, after: String? = nil) async throws -> AuditEntry {
        let last = try await AuditEntryModel.query(on: database).sort(\.$id, .descending).first()?.entry
        let entry = AuditEntry.make(after: last, at: Date(), actor: actor, action: action, subject: subject, before: before, after: after, sealedWith: seal)
        try await AuditEntryModel(entry).create(on: database)
        try await recordHead(entry, seal: seal, on: database)
        return entry
    }

    /// The head (last sequence and hash, and its seal) kept in `settings`.
    static func recordHead(_ entry: AuditEntry, seal: AuditSeal?, on database: any Database) async throws {
        var head = "\(entry.sequence):\(entry.hash)"
        if let seal { head += ":" + seal.head(sequence: entry.sequence, hash: entry.hash) }
        if let setting = try await SettingModel.find(headKey, on: database) {
            setting.value = head
            try await setting.update(on: database)
        } else {
            try await SettingModel(key: headKey, value: head).create(on: database)
        }
    }

    /// Appends one entry in its own transaction.
    @discardableResult
    public func append(actor: String, action: String, subject: String, before: String? = nil, after: String? = nil) async throws -> AuditEntry {
        try await store.writeTransaction { [seal = store.auditSeal] tx in
            try await Self.append(on: tx, seal: seal, actor: actor, action: action, subject: subject, before: before, after: after)
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

    /// Checks the trail, and with the store's audit key every seal.
    public func verify() async throws -> AuditVerification {
        let entries = try await entries()
        var head: (Int, String, String?)?
        if let value = try await SettingModel.find(Self.headKey, on: store.database)?.value {
            let parts = value.split(separator: ":").map(String.init)
            if parts.count >= 2, let sequence = Int(parts[0]) { head = (sequence, parts[1], parts.count > 2 ? parts[2] : nil) }
        }
        return AuditVerification.verify(entries, head: head, seal: store.auditSeal)
    }

    /// Seals entries written before the store had an audit key (an older installation's first
    /// start with one), after checking the chain they form; records that it did. Returns how many.
    @discardableResult
    public func sealUnsealed() async throws -> Int {
        guard let seal = store.auditSeal else { return 0 }
        return try await store.writeTransaction { tx in
            let unsealed = try await AuditEntryModel.query(on: tx).filter(\.$seal == nil).count()
            guard unsealed > 0 else { return 0 }
            let all = try await AuditEntryModel.query(on: tx).sort(\.$id).all()
            let chain = AuditVerification.verify(all.map(\.entry), head: nil as (sequence: Int, hash: String)?)
            if case let .broken(sequence, reason) = chain, !reason.contains("no recorded head") {
                throw StorageError.inconsistentReference("the audit trail is broken at #\(sequence) (\(reason)); it is not sealed")
            }
            for model in all where model.seal == nil {
                model.seal = seal.entry(model.hash)
                try await model.update(on: tx)
            }
            if let last = all.last?.entry { try await Self.recordHead(last, seal: seal, on: tx) }
            try await Self.append(on: tx, seal: seal, actor: "system", action: "audit.seal", subject: "audit",
                                  after: "\(unsealed) earlier entries sealed with the audit key")
            return unsealed
        }
    }
}
