import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

@Suite("Audit trail")
struct AuditTrailTests {
    /// A store with a few audited actions: the seed, an import, a confirmed alias.
    static func audited(_ store: Store) async throws -> ReferenceConfiguration {
        let reference = try await SubmissionStorageTests.seeded(store)
        _ = try await IntakeService(store: store, reference: reference)
            .importSDMXCSV(Data(Fixtures.validBorderCSV.utf8), fileName: "a.csv", datasetID: "BORDER_CROSSINGS", channel: .web)
        try await AliasRepository(store: store).confirm("Ficksburg", code: "MPT", codelist: reference.codelistsByID["CL_BORDER_POST"]!,
                                                        organisationID: "MOHA")
        return reference
    }

    @Test("Every audited action is chained and verifies", arguments: TestBackend.available)
    func intact(backend: TestBackend) async throws {
        try await backend.withStore { store in
            _ = try await Self.audited(store)
            let entries = try await AuditRepository(store: store).entries()
            #expect(entries.map(\.action) == ["reference.seed", "submission.store", "alias.confirm"])
            #expect(entries[1].after?.contains("8 observations") == true)
            #expect(entries[1].previousHash == entries[0].hash)
            guard case let .intact(count, _) = try await AuditRepository(store: store).verify() else { Issue.record("not intact"); return }
            #expect(count == 3)
        }
    }

    @Test("Changing one entry is detected and the entry named", arguments: TestBackend.available)
    func edited(backend: TestBackend) async throws {
        try await backend.withStore { store in
            _ = try await Self.audited(store)
            try await store.sql.update("audit_log").set("after", to: "dataset BORDER_CROSSINGS, 1 observations")
                .where("sequence", .equal, 2).run()
            let result = try await AuditRepository(store: store).verify()
            #expect(result == .broken(sequence: 2, reason: "entry #2 (submission.store on \(try await Self.subject(store, 2))) was changed after it was written"))
        }
    }

    @Test("Deleting an entry in the middle or at the end is detected", arguments: TestBackend.available)
    func deleted(backend: TestBackend) async throws {
        try await backend.withStore { store in
            _ = try await Self.audited(store)
            try await store.sql.delete(from: "audit_log").where("sequence", .equal, 3).run()
            #expect(try await AuditRepository(store: store).verify()
                == .broken(sequence: 3, reason: "entries #3 to #3 are missing at the end (deleted)"))
            try await store.sql.delete(from: "audit_log").where("sequence", .equal, 1).run()
            #expect(try await AuditRepository(store: store).verify() == .broken(sequence: 1, reason: "entry #1 is missing (deleted)"))
        }
    }

    @Test("A failed import leaves no audit entry", arguments: TestBackend.available)
    func failedImport(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            _ = try await IntakeService(store: store, reference: reference)
                .importSDMXCSV(Data(Fixtures.fiveFaultBorderCSV.utf8), fileName: "bad.csv", datasetID: "BORDER_CROSSINGS", channel: .web)
            #expect(try await AuditRepository(store: store).entries().map(\.action) == ["reference.seed"])
        }
    }

    static func subject(_ store: Store, _ sequence: Int) async throws -> String {
        try await AuditRepository(store: store).entries().first { $0.sequence == sequence }?.subject ?? ""
    }

    static let seal = try! AuditSeal(key: Data(repeating: 7, count: 32))

    /// What someone with write access to the database, and not the key, can do: change an entry,
    /// then recompute its SHA-256 and every later link and hash, and the recorded head.
    static func rewrite(_ store: Store, sequence: Int, after: String) async throws {
        var entries = try await AuditRepository(store: store).entries()
        let index = try #require(entries.firstIndex { $0.sequence == sequence })
        entries[index].after = after
        for i in index..<entries.count {
            if i > 0 { entries[i].previousHash = entries[i - 1].hash }
            entries[i].hash = entries[i].computedHash
            try await store.sql.update("audit_log").set("after", to: SQLBind(entries[i].after)).set("previous_hash", to: entries[i].previousHash)
                .set("hash", to: entries[i].hash).where("sequence", .equal, entries[i].sequence).run()
        }
        let last = entries[entries.count - 1]
        try await store.sql.update("settings").set("value", to: "\(last.sequence):\(last.hash)").where("key", .equal, "audit_head").run()
    }

    @Test("With the audit key, a trail rewritten with database access alone no longer verifies", arguments: TestBackend.available)
    func sealed(backend: TestBackend) async throws {
        try await backend.withStore(auditSeal: Self.seal) { store in
            _ = try await Self.audited(store)
            #expect(try await AuditRepository(store: store).verify().isIntact)
            try await Self.rewrite(store, sequence: 2, after: "dataset BORDER_CROSSINGS, 1 observations")
            let broken = try await AuditRepository(store: store).verify()
            #expect(broken == .broken(sequence: 2, reason: "entry #2 (submission.store on \(try await Self.subject(store, 2))) does not carry the audit key's seal: it was written or rewritten without the key"))
        }
        // Without the key the same rewrite passes: that is what the key is for.
        try await backend.withStore { store in
            _ = try await Self.audited(store)
            try await Self.rewrite(store, sequence: 2, after: "dataset BORDER_CROSSINGS, 1 observations")
            #expect(try await AuditRepository(store: store).verify().isIntact)
        }
    }

    @Test("With the audit key, cutting the last entries and recording an earlier head is detected", arguments: TestBackend.available)
    func sealedHead(backend: TestBackend) async throws {
        try await backend.withStore(auditSeal: Self.seal) { store in
            _ = try await Self.audited(store)
            let entries = try await AuditRepository(store: store).entries()
            try await store.sql.delete(from: "audit_log").where("sequence", .equal, 3).run()
            try await store.sql.update("settings").set("value", to: "2:\(entries[1].hash):\(entries[1].seal ?? "")").where("key", .equal, "audit_head").run()
            #expect(try await AuditRepository(store: store).verify() == .broken(sequence: 2, reason: "the recorded head does not carry the audit key's seal: the trail was cut or rewritten without the key"))
        }
    }

    @Test("An older trail is sealed at the first start with a key, after its chain is checked", arguments: TestBackend.available)
    func sealingLater(backend: TestBackend) async throws {
        try await backend.withStore { store in
            _ = try await Self.audited(store)
            let sealedStore = try await Store.open(store.location, migrate: false, logger: TestBackend.quietLogger, auditSeal: Self.seal)
            #expect(try await AuditRepository(store: sealedStore).verify() == .broken(sequence: 1, reason: "entry #1 (reference.seed on reference:LS_BOS) does not carry the audit key's seal: it was written or rewritten without the key"))
            #expect(try await AuditRepository(store: sealedStore).sealUnsealed() == 3)
            #expect(try await AuditRepository(store: sealedStore).verify() == .intact(entries: 4, headHash: try await AuditRepository(store: sealedStore).entries().last!.hash))
            #expect(try await AuditRepository(store: sealedStore).sealUnsealed() == 0)
            await sealedStore.close()
        }
    }
}
