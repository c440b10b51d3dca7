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
    /// The sample's lines (it ends them with CR LF: split on the bytes, not on characters).
    static func lines() throws -> [Data] {
        try MovementTests.sample().split(separator: 0x0A, omittingEmptySubsequences: true).map { Data($0) }
    }

    /// The header and the crossings of one person in ten (document numbers ending in 1) from
    /// `from` up to `to` (times as text): whole histories, so every derived dataset has cells.
    static func extract(from: String = "", to: String = "9999") throws -> Data {
        let lines = try lines()
        var result = lines[0] + Data([0x0A])
        for line in lines.dropFirst() {
            let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            guard fields.count > 4, let time = String(data: Data(fields[0]), encoding: .utf8), time >= from, time < to,
                  let document = fields[4].last(where: { $0 != 0x0D }), document == UInt8(ascii: "1") else { continue }
            result += line + Data([0x0A])
        }
        return result
    }

    /// Before 2023: the first extract; 2023's crossings come later.
    static func extract() throws -> Data { try extract(to: "2023") }

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
            #expect(first.added > 2_000 && first.derivationPending && first.derivedSubmissions.isEmpty, "\(first.added)")
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

    /// The same people's crossings in 2023: a second extract.
    static func laterExtract() throws -> Data { try extract(from: "2023") }

    @Test("Approved MIGRATION_FLOWS locks its months: the next extract's derivation stores none of the four; once reopened, the next intake completes",
          arguments: TestBackend.available)
    func refused(backend: TestBackend) async throws {
        let expected = try await backend.withStore { store in
            let (service, _) = try await Self.service(store)
            _ = try await Self.load(service)
            _ = try await service.importFile(try Self.laterExtract(), fileName: "later.csv", profile: MovementTests.profile, actor: "test")
            return try await Self.derived(store)
        }
        try await backend.withStore { store in
            let (service, _) = try await Self.service(store)
            let first = try await Self.load(service)
            let before = try await Self.derived(store)
            let manager = User(username: "dm", displayName: "dm", role: .dataManager, organisationID: "BOS")
            let workflow = WorkflowRepository(store: store)
            let flows = try #require(try await SubmissionRepository(store: store).list().first { $0.datasetID == "MIGRATION_FLOWS" && first.derivedSubmissions.contains($0.id.uuidString) })
            _ = try await workflow.perform(.approve, on: flows.id, by: manager)
            let refused = try await service.importFile(try Self.laterExtract(), fileName: "later.csv", profile: MovementTests.profile, actor: "test")
            #expect(refused.added > 1_000 && refused.derivationPending && refused.problems.map(\.kind) == [.conflict], "\(refused.problems)")
            #expect(refused.problems.first?.message.contains("Nothing of them was stored") == true)
            #expect(try await Self.derived(store) == before, "not BORDER_CROSSINGS without MIGRATION_FLOWS: none of the four changed")
            #expect(try await MovementRepository(store: store).pendingBatches().count == 1)
            _ = try await workflow.perform(.reopen, on: flows.id, by: manager)
            let done = try await service.importFile(try Self.laterExtract(), fileName: "later.csv", profile: MovementTests.profile, actor: "test")
            #expect(done.added == 0 && done.derivedSubmissions.count == 4 && !done.derivationPending)
            #expect(try await Self.derived(store) == expected, "the same statistics as the two extracts imported without a refusal")
        }
    }
}
