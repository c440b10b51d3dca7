import Foundation
import IMDMSCore
import Testing

@Suite("Audit chain")
struct AuditChainTests {
    static func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for index in 0..<count {
            entries.append(AuditEntry.make(after: entries.last, at: Date(timeIntervalSince1970: Double(index)), actor: "system",
                                           action: "test.action", subject: "thing:\(index)", after: "value \(index)"))
        }
        return entries
    }

    @Test("A chain verifies against its head; an empty trail is intact")
    func intact() {
        let entries = Self.chain(4)
        #expect(AuditVerification.verify(entries, head: (4, entries[3].hash)) == .intact(entries: 4, headHash: entries[3].hash))
        #expect(AuditVerification.verify([], head: nil) == .intact(entries: 0, headHash: AuditEntry.genesisHash))
    }

    @Test("Edits, re-hashed edits, deletions and a missing head are all detected")
    func tampering() {
        var edited = Self.chain(4)
        edited[1].after = "value 99"
        #expect(AuditVerification.verify(edited, head: (4, edited[3].hash)) == .broken(sequence: 2, reason: "entry #2 (test.action on thing:1) was changed after it was written"))
        // Re-hashing the edited entry breaks the link of the next one.
        edited[1].hash = edited[1].computedHash
        #expect(AuditVerification.verify(edited, head: (4, edited[3].hash)) == .broken(sequence: 3, reason: "entry #3 does not follow the entry before it"))
        let entries = Self.chain(4)
        #expect(AuditVerification.verify(Array(entries.dropFirst()), head: (4, entries[3].hash)) == .broken(sequence: 1, reason: "entry #1 is missing (deleted)"))
        #expect(AuditVerification.verify(Array(entries.prefix(3)), head: (4, entries[3].hash))
            == .broken(sequence: 4, reason: "entries #4 to #4 are missing at the end (deleted)"))
        #expect(AuditVerification.verify(entries, head: nil) == .broken(sequence: 4, reason: "the trail has 4 entries but no recorded head"))
    }

    @Test("Fields cannot be shifted into one another without changing the hash")
    func unambiguous() {
        let a = AuditEntry.make(after: nil, at: Date(timeIntervalSince1970: 0), actor: "ab", action: "c", subject: "d")
        let b = AuditEntry.make(after: nil, at: Date(timeIntervalSince1970: 0), actor: "a", action: "bc", subject: "d")
        #expect(a.hash != b.hash)
    }
}
