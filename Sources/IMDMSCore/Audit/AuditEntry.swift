import Foundation

/// One line of the audit trail: who did what to what, when, with a before/after summary. Each
/// entry carries the hash of the one before, so any edit or deletion breaks the chain; and, with
/// an audit key, its hash sealed under the key, so the chain cannot be rebuilt without it.
public struct AuditEntry: Hashable, Sendable, Codable {
    public var sequence: Int
    /// ISO 8601 UTC timestamp, as stored (hashed as text so both databases agree).
    public var at: String
    /// `user:admin`, `system`, `cli`.
    public var actor: String
    /// `submission.store`, `reference.seed`, `user.create`, …
    public var action: String
    /// What the action was on: `submission:…`, `dataset:BORDER_CROSSINGS`.
    public var subject: String
    public var before: String?
    public var after: String?
    public var previousHash: String
    public var hash: String
    /// The hash sealed with the audit key (`AuditSeal.entry`); nil where no key was configured.
    public var seal: String?

    public static let genesisHash = String(repeating: "0", count: 64)

    public init(sequence: Int, at: String, actor: String, action: String, subject: String, before: String?, after: String?,
                previousHash: String, hash: String, seal: String? = nil) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.before = before
        self.after = after
        self.previousHash = previousHash
        self.hash = hash
        self.seal = seal
    }

    /// Builds the next entry after `previous` (or the first one), with its hash.
    public static func make(after previous: AuditEntry?, at date: Date, actor: String, action: String, subject: String,
                            before: String? = nil, after: String? = nil, sealedWith auditSeal: AuditSeal? = nil) -> AuditEntry {
        var entry = AuditEntry(sequence: (previous?.sequence ?? 0) + 1, at: timestamp(date), actor: actor, action: action,
                               subject: subject, before: before, after: after,
                               previousHash: previous?.hash ?? genesisHash, hash: "")
        entry.hash = entry.computedHash
        entry.seal = auditSeal?.entry(entry.hash)
        return entry
    }

    /// SHA-256 over every field but the hash itself, each length-prefixed so no two entries can
    /// produce the same text.
    public var computedHash: String {
        let fields = [String(sequence), at, actor, action, subject, before ?? "\u{0}", after ?? "\u{0}", previousHash]
        let text = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return SourceFile.sha256(of: Data(text.utf8))
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
