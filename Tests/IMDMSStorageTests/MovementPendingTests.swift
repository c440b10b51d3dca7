import Foundation
import IMDMSCore
@testable import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

/// The traveller pipeline's two transactions — crossings, then everything derived from them — and
/// the pending mark between them: whatever stops the second, the next intake completes it, ending
/// where an uninterrupted import ends; a conflict stores none of the derived datasets.
@Suite("Traveller records: an interrupted or refused derivation is completed, never half stored")
struct MovementPendingTests {
    /// The sample's lines (it ends them with CR LF: split on the bytes, not on characters).
    /// The sample's lines, split once per test process: each with its time (text) and the last
    /// digit of its document number, which the extracts below choose by.
    struct SampleLine: Sendable {
        let time: String
        let digit: UInt8
        let bytes: ArraySlice<UInt8>
    }

    static let sampleLines: Result<(header: ArraySlice<UInt8>, lines: [SampleLine]), any Error> = Result {
        let bytes = [UInt8](try MovementTests.sample())
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
        var result: [SampleLine] = []
        result.reserveCapacity(lines.count)
        for line in lines.dropFirst() {
            let fields = line.split(separator: UInt8(ascii: ","), maxSplits: 5, omittingEmptySubsequences: false)
            guard fields.count > 4, let digit = fields[4].last(where: { $0 != 0x0D }) else { continue }
            result.append(SampleLine(time: String(decoding: fields[0], as: UTF8.self), digit: digit, bytes: line))
        }
        return (lines.first ?? [], result)
    }

    /// The header and the sample's lines that `keep` chooses (by time and the document number's last digit).
    static func extract(_ keep: (String, UInt8) -> Bool) throws -> Data {
        let (header, lines) = try sampleLines.get()
        var result = [UInt8](header)
        result.append(0x0A)
        for line in lines where keep(line.time, line.digit) {
            result += line.bytes
            result.append(0x0A)
        }
        return Data(result)
    }

    /// The header and the crossings of one person in ten (document numbers ending in 1) from
    /// `from` up to `to` (times as text): whole histories, so every derived dataset has cells.
    static func extract(from: String = "", to: String = "9999") throws -> Data {
        try extract { time, digit in digit == UInt8(ascii: "1") && time >= from && time < to }
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

    /// What both extracts give imported one after the other without trouble.
    static func bothExtracts(_ backend: TestBackend) async throws -> [String] {
        try await backend.withStore { store in
            let (service, _) = try await Self.service(store)
            _ = try await Self.load(service)
            _ = try await service.importFile(try Self.laterExtract(), fileName: "later.csv", profile: MovementTests.profile, actor: "test")
            return try await Self.derived(store)
        }
    }

    @Test("Approved MIGRATION_FLOWS locks its months: the next extract's changes to them wait (held) while the rest is stored; once reopened, they are published",
          arguments: TestBackend.available)
    func held(backend: TestBackend) async throws {
        let expected = try await Self.bothExtracts(backend)
        try await backend.withStore { store in
            let (service, _) = try await Self.service(store)
            let first = try await Self.load(service)
            let manager = User(username: "dm", displayName: "dm", role: .dataManager, organisationID: "BOS")
            let workflow = WorkflowRepository(store: store)
            let flows = try #require(try await SubmissionRepository(store: store).list().first { $0.datasetID == "MIGRATION_FLOWS" && first.derivedSubmissions.contains($0.id.uuidString) })
            _ = try await workflow.perform(.approve, on: flows.id, by: manager)
            let approved = try await Self.derived(store).filter { $0.hasPrefix("MIGRATION_FLOWS|") }
            let later = try await service.importFile(try Self.laterExtract(), fileName: "later.csv", profile: MovementTests.profile, actor: "test")
            let held = try #require(later.heldPeriods["MIGRATION_FLOWS"], "\(later.heldPeriods)")
            #expect(later.added > 1_000 && !later.derivationPending && later.problems.isEmpty && !held.isEmpty, "\(later.problems)")
            #expect(held.allSatisfy { $0 < "2023" }, "only approved months wait: \(held)")
            let now = try await Self.derived(store)
            #expect(now.filter { $0.hasPrefix("MIGRATION_FLOWS|") && held.contains(String($0.split(separator: "|")[2])) }
                    == approved.filter { held.contains(String($0.split(separator: "|")[2])) }, "the approved months stand as approved")
            #expect(now != expected && now.contains { $0.hasPrefix("BORDER_CROSSINGS|") && $0.contains("|2023-") }, "2023 is stored")
            _ = try await workflow.perform(.reopen, on: flows.id, by: manager)
            let done = try await service.importFile(try Self.laterExtract(), fileName: "later.csv", profile: MovementTests.profile, actor: "test")
            #expect(done.added == 0 && done.derivedSubmissions.count == 1 && done.heldPeriods.isEmpty, "the held months are published")
            #expect(try await Self.derived(store) == expected, "the same statistics as the two extracts imported without an approval between")
        }
    }

    /// What a held BORDER_CROSSINGS or BORDER_CROSSINGS_DAILY period is revised from (D50): its
    /// crossings counted again from the store.
    @Test("A month's and a day's crossings counted again from the store equal the values stored for them", arguments: TestBackend.available)
    func countedAgain(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let (service, reference) = try await Self.service(store)
            _ = try await Self.load(service)
            let derived = try await Self.derived(store)
            let months = Set(derived.filter { $0.hasPrefix("BORDER_CROSSINGS|") }.map { String($0.split(separator: "|")[2]) })
            let days = Set(derived.filter { $0.hasPrefix("BORDER_CROSSINGS_DAILY|") }.map { String($0.split(separator: "|")[2]) })
            for (datasetID, period) in [("BORDER_CROSSINGS", try #require(months.sorted().dropFirst(months.count / 2).first)),
                                        ("BORDER_CROSSINGS_DAILY", try #require(days.sorted().dropFirst(days.count / 2).first))] {
                let stored = derived.filter { $0.hasPrefix(datasetID + "|") && $0.split(separator: "|")[2] == period }
                let counted = try await MovementRepository.counted(in: period, on: store.database, homeCountry: reference.homeCountryCode)
                let observations = datasetID == "BORDER_CROSSINGS" ? counted.crossingObservations() : counted.dailyObservations()
                let again = observations.filter { $0.period.formatted == period }
                    .map { "\(datasetID)|\($0.seriesKey)|\(period)|\($0.value.map { String($0) } ?? "-")" }.sorted()
                #expect(!stored.isEmpty && again == stored.sorted(), "\(datasetID) \(period)")
            }
        }
    }

    @Test("A failure while storing the revisions leaves everything as it was and the extract pending; the next intake completes it",
          arguments: TestBackend.available)
    func failure(backend: TestBackend) async throws {
        let expected = try await Self.bothExtracts(backend)
        try await backend.withStore { store in
            let (service, _) = try await Self.service(store)
            _ = try await Self.load(service)
            let before = try await Self.derived(store)
            // Stored, not yet derived (on SQLite its people opened with it, D91).
            let stored = try await service.importFile(try Self.laterExtract(), fileName: "later.csv", profile: MovementTests.profile, actor: "test", derive: false)
            #expect(stored.added > 0 && stored.derivationPending)
            let state = try await Self.kept(store)
            // The history of replaced values refuses every row: the derivation fails after storing some revisions.
            if store.isPostgres {
                try await store.sql.raw("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql").run()
                try await store.sql.raw("CREATE TRIGGER refuse BEFORE INSERT ON observation_revisions FOR EACH ROW EXECUTE FUNCTION refuse()").run()
            } else {
                try await store.sql.raw("CREATE TRIGGER refuse BEFORE INSERT ON observation_revisions BEGIN SELECT RAISE(ABORT, 'refused'); END").run()
            }
            let failed = try? await Self.load(service)
            #expect(failed == nil || failed?.derivationPending == true)
            #expect(try await Self.derived(store) == before, "none of the four changed")
            #expect(try await Self.kept(store) == state, "the checkpoints and cells are as they were")
            #expect(try await MovementRepository(store: store).pendingBatches().count == 1)
            try await store.sql.raw(store.isPostgres ? "DROP TRIGGER refuse ON observation_revisions" : "DROP TRIGGER refuse").run()
            let done = try await Self.load(service)
            #expect(done.added == 0 && !done.derivationPending && !done.derivedSubmissions.isEmpty)
            #expect(try await Self.derived(store) == expected)
        }
    }

    /// The derivation's kept state: checkpoints (with the crossings kept and when they next change) and cells.
    static func kept(_ store: Store) async throws -> [String] {
        struct Person: Decodable { var pseudonym: String; var settled_until: String; var open: Bool; var open_crossings: String?; var changes_at: String? }
        struct Cell: Decodable { var kind: String; var cell: String; var value: Int }
        let people = try await store.sql.raw("""
            SELECT n.pseudonym, p.settled_until, p.open, k.crossings AS open_crossings, p.changes_at
            FROM movement_people p JOIN movement_persons n ON n.id = p.person LEFT JOIN movement_kept k ON k.person = p.person
            """).all(decoding: Person.self)
        let cells = try await store.sql.raw("SELECT kind, cell, value FROM movement_cells").all(decoding: Cell.self)
        return (people.map { "\($0.pseudonym) \($0.settled_until) \($0.open) \($0.open_crossings ?? "-") \($0.changes_at ?? "-")" }
            + cells.map { "\($0.kind) \($0.cell) \($0.value)" }).sorted()
    }
}
