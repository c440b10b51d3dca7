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
}
