import FluentKit
import IMDMSCore

final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_log"
    @ID(custom: "sequence", generatedBy: .user) var id: Int?
    @Field(key: "at") var at: String
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "subject") var subject: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String
    @OptionalField(key: "seal") var seal: String?

    init() {}
    init(_ e: AuditEntry) {
        id = e.sequence
        at = e.at
        actor = e.actor
        action = e.action
        subject = e.subject
        before = e.before
        after = e.after
        previousHash = e.previousHash
        hash = e.hash
        seal = e.seal
    }

    var entry: AuditEntry {
        AuditEntry(sequence: id ?? 0, at: at, actor: actor, action: action, subject: subject, before: before, after: after,
                   previousHash: previousHash, hash: hash, seal: seal)
    }
}
