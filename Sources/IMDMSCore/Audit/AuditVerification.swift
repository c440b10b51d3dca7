/// Checks an audit trail end to end: numbering without gaps, each entry's hash, each link to the
/// entry before, and the recorded head (the last sequence and hash, kept beside the trail).
public enum AuditVerification: Equatable, Sendable, CustomStringConvertible {
    case intact(entries: Int, headHash: String)
    case broken(sequence: Int, reason: String)

    public var isIntact: Bool { if case .intact = self { true } else { false } }

    public static func verify(_ entries: [AuditEntry], head: (sequence: Int, hash: String)?) -> AuditVerification {
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
        } else if last > 0 {
            return .broken(sequence: last, reason: "the trail has \(last) entries but no recorded head")
        }
        return .intact(entries: last, headHash: previousHash)
    }

    public var description: String {
        switch self {
        case let .intact(entries, hash): "audit trail intact: \(entries) entries, head \(hash.prefix(16))…"
        case let .broken(_, reason): "audit trail broken: \(reason)"
        }
    }
}
