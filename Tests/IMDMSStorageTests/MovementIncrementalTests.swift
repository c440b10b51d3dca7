import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

/// Incremental derivation (D50): each extract re-reads only the people it adds to and those whose
/// outcome is still open, stores only the periods that changed as a revision, keeps the replaced
/// values as history — and ends, after every extract, exactly where a derivation of the whole
/// store from scratch ends, late records included.
@Suite("Traveller records: incremental derivation equals a derivation from scratch")
struct MovementIncrementalTests {
    /// Part of the sample: the crossings whose time and document number's last digit pass `keep`.
    static func extract(_ keep: (String, UInt8) -> Bool) throws -> Data { try MovementPendingTests.extract(keep) }

    static let one = UInt8(ascii: "1"), three = UInt8(ascii: "3"), seven = UInt8(ascii: "7")

    /// Four extracts: the first months; the next months (with people whose earlier crossings are
    /// missing); those earlier crossings, late; the rest and people never seen before.
    static func extracts() throws -> [Data] {
        [
            try extract { time, digit in digit == one && time < "2022-07" },
            try extract { time, digit in (digit == one && time >= "2022-07" && time < "2023-03") || (digit == three && time >= "2022-07") },
            try extract { time, digit in digit == three && time < "2022-07" },
            try extract { time, digit in (digit == one && time >= "2023-03") || digit == seven },
        ]
    }

    /// Every current value derived from traveller records, with its status.
    static func current(_ store: Store) async throws -> [String] {
        struct Row: Decodable { var dataset_id: String; var series_key: String; var period: String; var value: Double?; var obs_status: String }
        let rows = try await store.sql.raw("""
            SELECT o.dataset_id, o.series_key, o.period, o.value, o.obs_status FROM observations o JOIN submissions s ON s.id = o.submission_id
            WHERE s.channel = 'system' AND s.status <> 'superseded'
            """).all(decoding: Row.self)
        return rows.map { "\($0.dataset_id)|\($0.series_key)|\($0.period)|\($0.value ?? -1)|\($0.obs_status)" }.sorted()
    }

    /// What a derivation of the whole store from scratch gives.
    static func fromScratch(_ store: Store, _ reference: ReferenceConfiguration) async throws -> [String] {
        let derived = try await MovementDerivationJob(store: store, reference: reference).derive()
        let sets = [("BORDER_CROSSINGS", derived.crossingObservations()), ("BORDER_CROSSINGS_DAILY", derived.dailyObservations()),
                    ("MIGRATION_FLOWS", derived.flowObservations()), ("VISITOR_STAYS", derived.visitObservations())]
        return sets.flatMap { dataset, observations in
            observations.map { "\(dataset)|\($0.seriesKey)|\($0.period.formatted)|\($0.value ?? -1)|\($0.status.rawValue)" }
        }.sorted()
    }

    /// Each derived dataset's totals by each dimension, as tables give them (read through the
    /// submissions' partial sums, D53, where a grouping qualifies).
    static func tables(_ store: Store, _ reference: ReferenceConfiguration) async throws -> [String] {
        var lines: [String] = []
        for datasetID in ["BORDER_CROSSINGS", "MIGRATION_FLOWS", "VISITOR_STAYS"] {
            guard let structure = reference.structure(datasetID) else { continue }
            for dimension in structure.dimensions {
                let table = try await TableReader(store: store).table(TableRequest(datasetID: datasetID, rowDimension: dimension.id),
                                                                      reference: reference, visibility: .allCurrent)
                lines += table.rowCodes.map { "\(datasetID)|\(dimension.id)|\($0)|\(table.value(row: $0, column: "_T") ?? -1)" }
            }
        }
        return lines
    }

    /// The people whose kept open crossings (D82) are not exactly their stored crossings after their
    /// checkpoint, and how many people have some kept.
    static func keptCrossings(_ store: Store) async throws -> (wrong: [String], kept: Int) {
        struct Kept: Decodable { var pseudonym: String; var settled_until: String; var open_crossings: String }
        struct Crossing: Decodable { var pseudonym: String; var crossed_at: String; var border_post: String; var direction: String }
        let kept = try await store.sql.raw("""
            SELECT CAST(p.person AS TEXT) AS pseudonym, p.settled_until, k.crossings AS open_crossings FROM movement_people p JOIN movement_kept k ON k.person = p.person
            """).all(decoding: Kept.self)
        let stored = Dictionary(grouping: try await store.sql.raw("""
            SELECT CAST(person AS TEXT) AS pseudonym, crossed_at, border_post, direction FROM movements ORDER BY person, crossed_at, border_post, direction
            """).all(decoding: Crossing.self), by: \.pseudonym)
        let wrong = kept.filter { person in
            let after = (stored[person.pseudonym] ?? []).filter { $0.crossed_at > person.settled_until }.map { "\($0.crossed_at) \($0.border_post) \($0.direction)" }
            let text = person.open_crossings.split(separator: "\u{1E}").map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false) }
            return after != text.map { "\($0[0]) \($0[1]) \($0[2])" }
        }
        return (wrong.map(\.pseudonym), kept.filter { !$0.open_crossings.isEmpty }.count)
    }

    /// The open people an import left out (D83): open before it, no crossing in it, and nothing
    /// due to change by the new end of the data.
    static func leftOut(_ store: Store, open before: [String: String], lastID: Int) async throws -> Int {
        struct Name: Decodable { var pseudonym: String }
        let new = Set(try await store.sql.raw("SELECT DISTINCT CAST(person AS TEXT) AS pseudonym FROM movements WHERE id > \(bind: lastID)").all(decoding: Name.self).map(\.pseudonym))
        let latest = try #require(try await MovementRepository(store: store).latestTime())
        let end = Movement.timeText(try #require(Movement.parseTime(latest)).addingTimeInterval(60))
        return before.filter { !new.contains($0.key) && $0.value > end }.count
    }

    /// Open people and when each may change ('' none known).
    static func openPeople(_ store: Store) async throws -> (people: [String: String], lastID: Int) {
        struct Open: Decodable { var pseudonym: String; var changes_at: String? }
        struct Last: Decodable { var n: Int? }
        let open = try await store.sql.raw("SELECT CAST(person AS TEXT) AS pseudonym, changes_at FROM movement_people WHERE open = \(true)").all(decoding: Open.self)
        let last = try await store.sql.raw("SELECT MAX(id) AS n FROM movements").first(decoding: Last.self)?.n ?? 0
        return (Dictionary(uniqueKeysWithValues: open.map { ($0.pseudonym, $0.changes_at ?? "") }), last)
    }

    @Test("Four extracts, one of them late records: after each, the stored statistics equal a derivation from scratch; only changed periods are stored again",
          arguments: TestBackend.available)
    func incremental(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let (service, reference) = try await MovementPendingTests.service(store)
            var people = 0, tables: [String] = [], leftOut = 0
            for (index, data) in try Self.extracts().enumerated() {
                if index == 3 {
                    // Half the people as a store derived before M028 left them: nothing kept, read from the crossings.
                    try await store.sql.raw("DELETE FROM movement_kept WHERE person % 2 = 0").run()
                }
                let open = try await Self.openPeople(store)
                let summary = try await service.importFile(data, fileName: "extract-\(index).csv", profile: MovementTests.profile, actor: "test")
                #expect(summary.problems.isEmpty && summary.added > 500, "\(summary.problems.prefix(2))")
                leftOut += try await Self.leftOut(store, open: open.people, lastID: open.lastID)
                let current = try await Self.current(store)
                #expect(current == (try await Self.fromScratch(store, reference)), "extract \(index): \(current.count) values")
                let kept = try await Self.keptCrossings(store)
                #expect(kept.wrong.isEmpty && kept.kept > 10, "extract \(index): \(kept.wrong.count) wrong, \(kept.kept) people with crossings kept")
                tables = try await Self.tables(store, reference)
                if index == 1 {
                    // The next months: BORDER_CROSSINGS is stored again only from July 2022 on; not everyone is read again.
                    let revision = try #require(try await SubmissionRepository(store: store).list(datasetID: "BORDER_CROSSINGS").first)
                    struct First: Decodable { var first: String? }
                    let first = try await store.sql.raw("SELECT MIN(period) AS first FROM observations WHERE submission_id = \(bind: revision.id)")
                        .first(decoding: First.self)?.first
                    #expect(first.map { $0 >= "2022-07" } == true, "\(first ?? "-")")
                    #expect(summary.peopleRead < summary.people, "\(summary.peopleRead) of \(summary.people) people read again")
                    let history = try await store.sql.raw("SELECT COUNT(*) AS n FROM observation_revisions WHERE dataset_id = 'BORDER_CROSSINGS'")
                        .first(decoding: Count.self)?.n ?? -1
                    #expect(history == 0, "no crossing of an earlier month changed, so none was copied: \(history)")
                }
                people = summary.people
            }
            #expect(leftOut > 0, "some open people were left out, nothing of theirs due to change")
            // Provisional months were revised: their earlier estimates are kept as history.
            let flowsHistory = try await store.sql.raw("SELECT COUNT(*) AS n FROM observation_revisions WHERE dataset_id = 'MIGRATION_FLOWS'")
                .first(decoding: Count.self)?.n ?? 0
            #expect(flowsHistory > 0)
            let sums = try await store.sql.raw("SELECT COUNT(*) AS n FROM observation_rollups WHERE dataset_id = 'BORDER_CROSSINGS'")
                .first(decoding: Count.self)?.n ?? 0
            #expect(sums > 0, "the revisions changed partial sums already built")
            let all = try await Self.current(store)
            try await backend.withStore { single in
                let (service, _) = try await MovementPendingTests.service(single)
                let whole = try Self.extract { _, digit in digit == Self.one || digit == Self.three || digit == Self.seven }
                let summary = try await service.importFile(whole, fileName: "whole.csv", profile: MovementTests.profile, actor: "test")
                #expect(summary.people == people)
                #expect(try await Self.current(single) == all, "four extracts end where one extract of everything ends")
                #expect(try await Self.tables(single, reference) == tables, "and so do the tables read from partial sums")
            }
        }
    }

    @Test("A late month taken out of an earlier revision: tables read from partial sums still equal the stored values", arguments: TestBackend.available)
    func partialSums(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let (service, reference) = try await MovementPendingTests.service(store)
            _ = try await service.importFile(try Self.extract { _, digit in digit == Self.one }, fileName: "a.csv", profile: MovementTests.profile, actor: "test")
            _ = try await Self.tables(store, reference)  // builds the sums of the first revision
            let nine = UInt8(ascii: "9")
            let late = try await service.importFile(try Self.extract { time, digit in digit == nine && time.hasPrefix("2021-05") },
                                                    fileName: "b.csv", profile: MovementTests.profile, actor: "test")
            #expect(late.problems.isEmpty && late.added > 0)
            let first = try #require(try await SubmissionRepository(store: store).list(datasetID: "BORDER_CROSSINGS").last)
            #expect(first.status != .superseded, "the first revision keeps its other months")
            let structure = try #require(reference.structure("BORDER_CROSSINGS"))
            var expected: [String: Double] = [:]
            for line in try await Self.current(store) where line.hasPrefix("BORDER_CROSSINGS|") {
                let fields = line.split(separator: "|").map(String.init)
                for (index, code) in fields[1].split(separator: ".").enumerated() {
                    expected["BORDER_CROSSINGS|\(structure.dimensions[index].id)|\(code)", default: 0] += Double(fields[3]) ?? 0
                }
            }
            var tables: [String: Double] = [:]
            for line in try await Self.tables(store, reference) {
                let fields = line.split(separator: "|").map(String.init)
                tables[fields[0...2].joined(separator: "|")] = Double(fields[3])
            }
            #expect(!expected.isEmpty)
            for (cell, value) in expected { #expect(tables[cell] == value, "\(cell)") }
        }
    }

    @Test("A store derived before D50 (no kept state): the next start reads everyone once, revises nothing that did not change, and carries on incrementally",
          arguments: TestBackend.available)
    func withoutKeptState(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let (service, reference) = try await MovementPendingTests.service(store)
            let extracts = try Self.extracts()
            _ = try await service.importFile(extracts[0], fileName: "first.csv", profile: MovementTests.profile, actor: "test")
            let before = try await Self.current(store)
            for statement in ["DELETE FROM movement_people", "DELETE FROM movement_cells", "DELETE FROM settings WHERE key = 'movements:latest'"] {
                try await store.sql.raw(SQLQueryString(statement)).run()
            }
            let job = MovementDerivationJob(store: store, reference: reference)
            let rebuilt = try #require(try await job.runIfPending(), "a missing state is rebuilt")
            #expect(rebuilt.submissions.isEmpty && rebuilt.peopleRead > 100, "\(rebuilt.submissions.count) revisions, \(rebuilt.peopleRead) people")
            #expect(try await Self.current(store) == before)
            #expect(try await job.runIfPending() == nil, "then nothing is pending")
            _ = try await service.importFile(extracts[1], fileName: "second.csv", profile: MovementTests.profile, actor: "test")
            #expect(try await Self.current(store) == (try await Self.fromScratch(store, reference)))
        }
    }

    struct Count: Decodable { var n: Int }
}
