import FluentKit
import Foundation
import IMDMSCore

/// Names a producer confirmed for codes ("Ficksburg Bridge (Maputsoe)" is MPT), used for every
/// later file of that producer.
public struct AliasRepository: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Saves a confirmed alias; the code must exist in the codelist.
    public func confirm(_ alias: String, code: String, codelist: Codelist, organisationID: String) async throws {
        guard codelist.contains(code) else {
            throw StorageError.notFound("'\(code)' is not a code of \(codelist.id)")
        }
        let existing = try await CodeAliasModel.query(on: store.database)
            .filter(\.$codelistID == codelist.id).filter(\.$organisationID == organisationID).all()
        let same = existing.first { CodeMatcher.normalise($0.alias) == CodeMatcher.normalise(alias) }
        try await store.writeTransaction { tx in
            if let same {
                same.code = code
                try await same.update(on: tx)
            } else {
                try await CodeAliasModel(codelistID: codelist.id, code: code, alias: alias, organisationID: organisationID).create(on: tx)
            }
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: "organisation:\(organisationID)", action: "alias.confirm",
                                             subject: "codelist:\(codelist.id)", before: same.map { "\($0.alias) → \($0.code)" },
                                             after: "\(alias) → \(code)")
        }
    }

    /// The producer's confirmed aliases: codelist → text → code.
    public func aliases(organisationID: String) async throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for model in try await CodeAliasModel.query(on: store.database).filter(\.$organisationID == organisationID).all() {
            result[model.codelistID, default: [:]][model.alias] = model.code
        }
        return result
    }
}
