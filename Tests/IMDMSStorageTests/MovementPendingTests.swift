import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

/// The traveller pipeline's two transactions — crossings, then everything derived from them — and
/// the pending mark between them: whatever stops the second, the next intake completes it, ending
/// where an uninterrupted import ends; a conflict stores none of the derived datasets.
@Suite("Traveller records: an interrupted or refused derivation is completed, never half stored")
struct MovementPendingTests {
    /// The first 6,000 crossings of the sample (enough people for every derived dataset).
    static func extract() throws -> Data {
        let lines = String(decoding: try MovementTests.sample(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return Data((lines.prefix(6_001).joined(separator: "\n") + "\n").utf8)
    }

    static func service(_ store: Store) async throws -> (MovementService, ReferenceConfiguration) {
        try await ReferenceRepository(store: store).seedIfEmpty(Fixtures.lesotho)
        let reference = try await ReferenceRepository(store: store).load()
        return (MovementService(store: store, reference: reference, pseudonymiser: try Pseudonymiser(key: MovementTests.key)), reference)
    }

    static func load(_ service: MovementService, derive: Bool = true) async throws -> MovementService.Summary {
        try await service.importFile(try extract(), fileName: "extract.csv", profile: MovementTests.profile, actor: "test", derive: derive)
    }

    /// Every current derived value, as comparable lines.
    static func derived(_ store: Store) async throws -> [String] {
        struct Row: Decodable { var dataset_id: String; var series_key: String; var period: String; var value: Double? }
        let rows = try await store.sql.select().column(SQLColumn("dataset_id", table: "o")).column(SQLColumn("series_key", table: "o"))
            .column(SQLColumn("period", table: "o")).column(SQLColumn("value", table: "o"))
            .from(SQLAlias(SQLIdentifier("observations"), as: SQLIdentifier("o")))
            .join(SQLAlias(SQLIdentifier("submissions"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: "s"), .equal, SQLColumn("submission_id", table: "o"))
            .where(SQLColumn("channel", table: "s"), .equal, SQLBind("system"))
            .where(SQLColumn("status", table: "s"), .notEqual, SQLBind("superseded"))
            .all(decoding: Row.self)
        return rows.map { "\($0.dataset_id)|\($0.series_key)|\($0.period)|\($0.value.map { String($0) } ?? "-")" }.sorted()
    }

    static func uninterrupted(_ backend: TestBackend) async throws -> [String] {
        try await backend.withStore { store in
            let summary = try await load(try await service(store).0)
            #expect(summary.derivedSubmissions.count == 4)
            return try await derived(store)
        }
    }

    @Test("Stopped after the crossings are stored: the next intake of the same extract adds nothing and derives what an uninterrupted import gives", arguments: TestBackend.available)
    func interrupted(backend: TestBackend) async throws {
        let expected = try await Self.uninterrupted(backend)
        #expect(expected.count > 1_000)
        try await backend.withStore { store in
            let (service, _) = try await Self.service(store)
            let first = try await Self.load(service, derive: false)
            #expect(first.added > 5_000 && first.derivationPending && first.derivedSubmissions.isEmpty)
            #expect(try await Self.derived(store).isEmpty)
            #expect(try await MovementRepository(store: store).pendingBatches().count == 1)
            let again = try await Self.load(service)
            #expect(again.added == 0 && again.derivedSubmissions.count == 4 && !again.derivationPending, "the pending extract is derived")
            #expect(try await Self.derived(store) == expected, "the same statistics as without the interruption")
            #expect(try await MovementRepository(store: store).pendingBatches().isEmpty)
            let third = try await Self.load(service)
            #expect(third.derivedSubmissions.isEmpty, "nothing pending, nothing new: the derived statistics stand")
        }
    }

    @Test("A ministry's MIGRATION_FLOWS in the way: none of the four derived datasets is stored; once resolved, the next intake completes", arguments: TestBackend.available)
    func conflict(backend: TestBackend) async throws {
        let expected = try await Self.uninterrupted(backend)
        try await backend.withStore { store in
            let (service, reference) = try await Self.service(store)
            _ = try await Self.load(service, derive: false)
            let flows = try await MovementDerivationJob(store: store, reference: reference).derive().flowObservations()
            var outside = try #require(flows.first)
            outside.period = try Period(parsing: "1990-01")
            let structure = try #require(reference.structure("MIGRATION_FLOWS"))
            let ministry = try await SubmissionRepository(store: store).store(
                Submission(datasetID: "MIGRATION_FLOWS", organisationID: structure.organisationID, source: nil, channel: .web, status: .submitted),
                observations: [flows[0], outside], structure: structure)
            let refused = try await Self.load(service)
            #expect(refused.derivationPending && refused.problems.map(\.kind) == [.conflict], "\(refused.problems)")
            #expect(refused.problems.first?.message.contains("Nothing of them was stored") == true)
            #expect(try await Self.derived(store).isEmpty, "not BORDER_CROSSINGS without MIGRATION_FLOWS: none of the four")
            #expect(try await MovementRepository(store: store).pendingBatches().count == 1)
            // The data manager settles it (here: the ministry's delivery is set aside).
            try await store.sql.update("submissions").set("status", to: SQLBind("superseded")).where("id", .equal, SQLBind(ministry.id)).run()
            let done = try await Self.load(service)
            #expect(done.derivedSubmissions.count == 4 && !done.derivationPending)
            #expect(try await Self.derived(store) == expected)
        }
    }
}
