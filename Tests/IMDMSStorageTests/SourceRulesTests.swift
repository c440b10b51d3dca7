import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

/// Home Affairs' monthly BORDER_CROSSINGS report and the same months derived from traveller records:
/// both stored, never added up; a source rule decides which is current; the coverage check shows both.
@Suite("One source per statistic: the Home Affairs report beside the traveller records")
struct SourceRulesTests {
    static let manager = User(username: "palesa", displayName: "Palesa", role: .dataManager, organisationID: "BOS")

    static func month(_ text: String) throws -> TableRequest {
        TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "DIRECTION", startPeriod: try Period(parsing: text), endPeriod: try Period(parsing: text))
    }

    @Test("Both sources stored; the report is current where both hold a month, the records elsewhere; a rule switches it; nothing is added up",
          arguments: TestBackend.available)
    func oneSource(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let report = try await HomeAffairsSample.store(IntakeService(store: store, reference: reference))
            let service = MovementService(store: store, reference: reference, pseudonymiser: try Pseudonymiser(key: MovementTests.key))
            let derived = try await service.importFile(try MovementTests.sample(), fileName: "records.csv", profile: MovementTests.profile, actor: "test")
            #expect(derived.problems.isEmpty && derived.derivedSubmissions.count == 4, "\(derived.problems.prefix(2))")
            #expect(try await SubmissionRepository(store: store).find(report.id)?.status == .submitted, "the report is not superseded by the records")

            let tables = TableReader(store: store)
            func total(_ month: String) async throws -> Double? {
                try await tables.table(try Self.month(month), reference: reference, visibility: .allCurrent).grandTotal
            }
            let recordsNovember = try await tables.table(try Self.month("2022-11"), reference: reference, source: .records).grandTotal
            #expect(recordsNovember == 2_336, "the sample's November crossings")
            #expect(try await total("2022-11") == 1_129_575, "the report is current, the records are not added to it")
            #expect(try await total("2022-10") == 2_391, "where only records exist, they are current")
            struct Count: Decodable { var n: Int }
            let visibleRecords = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("observations").join("submissions", on: SQLColumn("id", table: "submissions"), .equal, SQLColumn("submission_id", table: "observations"))
                .where(SQLColumn("channel", table: "submissions"), .equal, SQLBind("system"))
                .where(SQLColumn("dataset_id", table: "observations"), .equal, SQLBind("BORDER_CROSSINGS"))
                .where(SQLColumn("period", table: "observations"), .in, SQLBind.group(["2022-11", "2022-12"]))
                .where(SQLColumn("set_aside", table: "observations"), .equal, SQLLiteral.boolean(false))
                .first(decoding: Count.self)?.n
            #expect(visibleRecords == 0, "every read skips the records' November and December")

            try await SourceRules(store: store).add(SourceRule(datasetID: "BORDER_CROSSINGS", first: try Period(parsing: "2022-12"), source: .records), by: Self.manager)
            #expect(try await total("2022-12") == 2_453, "the rule makes the records current from December")
            #expect(try await total("2022-11") == 1_129_575, "November stays with the report")
            let audit = try await AuditRepository(store: store).search(action: "source.rule")
            #expect(audit.map(\.actor) == ["palesa"])
            await #expect(throws: StorageError.self) {
                try await SourceRules(store: store).add(SourceRule(datasetID: "BORDER_CROSSINGS", first: try Period(parsing: "2022-12"), source: .records),
                                                        by: User(username: "thabo", displayName: "T", role: .producer, organisationID: "MOHA"))
            }

            let request = TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "BORDER_POST", columnDimension: TableRequest.timeDimension)
            let comparison = SourceComparison(dimensionID: "BORDER_POST",
                                              reported: try await tables.table(request, reference: reference, source: .reported),
                                              records: try await tables.table(request, reference: reference, source: .records),
                                              rules: try await SourceRules(store: store).rules("BORDER_CROSSINGS"))
            let november = try #require(comparison.lines.first { $0.period == "2022-11" && $0.code == nil })
            #expect(november.reported == 1_129_575 && november.records == 2_336 && november.difference == 2_336 - 1_129_575 && november.current == .reported)
            #expect(comparison.lines.first { $0.period == "2022-12" && $0.code == nil }?.current == .records)
            #expect(comparison.lines.contains { $0.period == "2022-11" && $0.code == "MSB" && $0.reported != nil && $0.records != nil })
            #expect(Set(comparison.lines.map(\.period)) == ["2022-11", "2022-12"] && comparison.onlyRecords.count == 34 && comparison.onlyReported.isEmpty)
        }
    }

    @Test("The rule's choice per period: the latest covering rule, else the report; only periods both hold are set aside")
    func choice() throws {
        let nov = try Period(parsing: "2022-11"), dec = try Period(parsing: "2022-12"), jan = try Period(parsing: "2023-01")
        let rules = [SourceRule(datasetID: "X", first: nov, source: .records), SourceRule(datasetID: "X", first: dec, last: dec, source: .reported)]
        #expect(SourceRule.current(for: try Period(parsing: "2022-10"), rules: rules) == .reported)
        #expect(SourceRule.current(for: nov, rules: rules) == .records)
        #expect(SourceRule.current(for: dec, rules: rules) == .reported)
        #expect(SourceRule.current(for: jan, rules: rules) == .records)
        let aside = SourceRule.setAside(periodsBySource: [.reported: [nov, dec], .records: [nov, dec, jan]], rules: rules)
        #expect(aside == [.reported: [nov], .records: [dec]])
    }
}
