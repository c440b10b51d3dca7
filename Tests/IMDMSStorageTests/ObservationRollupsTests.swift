import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

/// Tables read each submission's partial sums (D53): the same figures as summing the generated
/// observations by hand, built for a new submission in its storing transaction, dropped with a
/// superseded one.
@Suite("Partial sums per submission")
struct ObservationRollupsTests {
    static let years = 2024...2025

    static func requests() throws -> [TableRequest] {
        [TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "BORDER_POST", columnDimension: "DIRECTION",
                      startPeriod: try Period(parsing: "2024-Q4"), endPeriod: try Period(parsing: "2024-Q4")),
         TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "CITIZENSHIP", columnDimension: "SEX", filters: ["DIRECTION": ["ARR"]],
                      startPeriod: try Period(parsing: "2025-01"), endPeriod: try Period(parsing: "2026-06")),
         TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "DIRECTION",
                      startPeriod: try Period(parsing: "2024-01"), endPeriod: try Period(parsing: "2026-12"))]
    }

    /// Every cell of the table, summed from `observations` by hand.
    static func check(_ tables: TableReader, _ reference: ReferenceConfiguration, against observations: [Observation], _ label: String) async throws {
        let structure = try #require(reference.structure("BORDER_CROSSINGS"))
        for request in try requests() {
            let table = try await tables.table(request, reference: reference, visibility: .released(asOf: Date()))
            let rowPosition = try #require(structure.position(of: request.rowDimension))
            let columnPosition = request.columnDimension.flatMap { structure.position(of: $0) }
            var expected: [String: Double] = [:]
            for o in observations where o.period.startDate >= request.startPeriod!.startDate && o.period.endDate <= request.endPeriod!.endDate
                && request.filters.allSatisfy({ o.key[structure.position(of: $0.key)!] == $0.value[0] }) {
                expected[o.key[rowPosition] + "|" + (columnPosition.map { o.key[$0] } ?? "_T"), default: 0] += o.value ?? 0
            }
            #expect(!expected.isEmpty)
            for (cell, value) in expected {
                let codes = cell.split(separator: "|").map(String.init)
                #expect(table.value(row: codes[0], column: codes[1]) == value, "\(label): \(request.rowDimension) × \(request.columnDimension ?? "-") \(cell)")
            }
            #expect(table.grandTotal == expected.values.reduce(0, +), "\(label): total of \(request.rowDimension)")
        }
    }

    static func count(_ table: String, submission: UUID? = nil, _ store: Store) async throws -> Int {
        struct Count: Decodable { var n: Int }
        let query = store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
        if let submission { query.where("submission_id", .equal, SQLBind(submission)) }
        return try await query.first(decoding: Count.self)?.n ?? 0
    }

    @Test("Tables from the sums equal the hand sums; a new month's sums are made when it is stored; a superseded one's dropped",
          arguments: TestBackend.available)
    func sums(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            try await DemoLoader(store: store, reference: reference).load(years: Self.years)
            var observations = DemoDataGenerator(reference: reference, years: Self.years).observations(for: "BORDER_CROSSINGS")
            let tables = TableReader(store: store)
            try await Self.check(tables, reference, against: observations, "demo data")
            struct Grouping: Decodable { var grouping: String }
            let groupings = try await store.sql.select().distinct().column("grouping").from("observation_rollup_marks")
                .all(decoding: Grouping.self).map(\.grouping)
            #expect(Set(groupings) == ["1,2", "2,3,4", "2"], "post × direction, citizenship × sex filtered by direction, direction")
            #expect(try await Self.count("observation_rollups", store) > 0)

            // A new month, published: its sums exist before anything reads it.
            let structure = try #require(reference.structure("BORDER_CROSSINGS"))
            let january = try Period(parsing: "2026-01")
            func month(_ add: Double) -> [Observation] {
                observations.filter { $0.period.formatted == "2025-12" }.map { o in
                    var copy = o
                    copy.period = january
                    copy.value = (o.value ?? 0) + add
                    return copy
                }
            }
            let repository = SubmissionRepository(store: store)
            let first = try await repository.store(Submission(datasetID: structure.id, organisationID: structure.organisationID, source: nil, channel: .demo,
                                                              status: .published, isSynthetic: true), observations: month(1), structure: structure)
            #expect(try await Self.count("observation_rollup_marks", submission: first.id, store) == 3, "every grouping made in the storing transaction")
            try await Self.check(tables, reference, against: observations + month(1), "a new month")

            // The same producer's January again: the first January is superseded, its sums dropped.
            let second = try await repository.store(Submission(datasetID: structure.id, organisationID: structure.organisationID, source: nil, channel: .demo,
                                                               status: .published, isSynthetic: true), observations: month(7), structure: structure)
            #expect(try await repository.find(first.id)?.status == .superseded)
            #expect(try await Self.count("observation_rollups", submission: first.id, store) == 0)
            #expect(try await Self.count("observation_rollup_marks", submission: second.id, store) == 3)
            observations += month(7)
            try await Self.check(tables, reference, against: observations, "a corrected month")
        }
    }
}
