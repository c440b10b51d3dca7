/// Checks an audit trail end to end: numbering without gaps, each entry's hash, each link to the
/// entry before, and the recorded head (the last sequence and hash, kept beside the trail).
public enum AuditVerification: Equatable, Sendable, CustomStringConvertible {
    case intact(entries: Int, headHash: String)
    case broken(sequence: Int, reason: String)

    public var isIntact: Bool { if case .intact = self { true } else { false } }

    /// `seal`: the audit key; with it, every entry and the head must carry its seal (a trail
    /// rewritten with database access alone has recomputed hashes but cannot have the seals).
    public static func verify(_ entries: [AuditEntry], head: (sequence: Int, hash: String, seal: String?)?, seal auditSeal: AuditSeal? = nil) -> AuditVerification {
        var expectedSequence = 1
        var previousHash = AuditEntry.genesisHash
        for entry in entries.sorted(by: { $0.sequence < $1.sequence }) {
            if entry.sequence != expectedSequence {
                return .broken(sequence: expectedSequence, reason: "entry #\(expectedSequence) is missing (deleted)")
            }
            if entry.hash != entry.computedHash {
                return .broken(sequence: entry.sequence, reason: "entry #\(entry.sequence) (\(entry.action) on \(entry.subject)) was changed after it was written")
            }
            if entry.previousHash != previousHash {
                return .broken(sequence: entry.sequence, reason: "entry #\(entry.sequence) does not follow the entry before it")
            }
            if let auditSeal, entry.seal != auditSeal.entry(entry.hash) {
                return .broken(sequence: entry.sequence, reason: "entry #\(entry.sequence) (\(entry.action) on \(entry.subject)) does not carry the audit key's seal: it was written or rewritten without the key")
            }
            previousHash = entry.hash
            expectedSequence += 1
        }
        let last = expectedSequence - 1
        if let head {
            if head.sequence > last {
                return .broken(sequence: last + 1, reason: "entries #\(last + 1) to #\(head.sequence) are missing at the end (deleted)")
            }
            if head.sequence < last || head.hash != previousHash {
                return .broken(sequence: head.sequence, reason: "the recorded head (#\(head.sequence)) does not match the trail (#\(last))")
            }
            if let auditSeal, head.seal != auditSeal.head(sequence: head.sequence, hash: head.hash) {
                return .broken(sequence: head.sequence, reason: "the recorded head does not carry the audit key's seal: the trail was cut or rewritten without the key")
            }
        } else if last > 0 {
            return .broken(sequence: last, reason: "the trail has \(last) entries but no recorded head")
        }
        return .intact(entries: last, headHash: previousHash)
    }

    /// A trail without an audit key (its head without a seal).
    public static func verify(_ entries: [AuditEntry], head: (sequence: Int, hash: String)?) -> AuditVerification {
        verify(entries, head: head.map { ($0.sequence, $0.hash, nil) }, seal: nil)
    }

    public var description: String {
        switch self {
        case let .intact(entries, hash): "audit trail intact: \(entries) entries, head \(hash.prefix(16))…"
        case let .broken(_, reason): "audit trail broken: \(reason)"
        }
    }
}
