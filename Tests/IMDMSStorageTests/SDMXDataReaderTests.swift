import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import Testing

/// The SDMX read path gives back exactly what was stored: on SQLite it reads one text made by the
/// database (D60), so values that a short decimal form would round, missing values and every
/// status must come back as the very same observations, in key and period order.
@Suite("SDMX data read back exactly")
struct SDMXDataReaderTests {
    static let csv = """
        DATAFLOW,SENDING_COUNTRY,CHANNEL,TIME_PERIOD,OBS_VALUE,OBS_STATUS
        LS_BOS:REMITTANCES(1.0),ZAF,BANK,2022-Q1,0.1,A
        LS_BOS:REMITTANCES(1.0),ZAF,BANK,2022-Q2,1234567.8912345678,E
        LS_BOS:REMITTANCES(1.0),ZAF,MTO,2022-Q1,1e15,P
        LS_BOS:REMITTANCES(1.0),ZAF,MTO,2022-Q2,,M
        LS_BOS:REMITTANCES(1.0),BWA,BANK,2022-Q1,2.5e-7,A
        LS_BOS:REMITTANCES(1.0),BWA,BANK,2022-Q2,0,A
        """

    /// The Lesotho reference and the remittances above stored as one submission (nil: refused, recorded).
    static func stored(_ store: Store) async throws -> (ReferenceConfiguration, Submission)? {
        try await ReferenceRepository(store: store).seedIfEmpty(Fixtures.lesotho)
        let reference = try await ReferenceRepository(store: store).load()
        let outcome = try await IntakeService(store: store, reference: reference)
            .importSDMXCSV(Data(csv.utf8), fileName: "remittances.csv", datasetID: "REMITTANCES", channel: .commandLine)
        guard case let .stored(submission) = outcome else { Issue.record("rejected: \(outcome)"); return nil }
        return (reference, submission)
    }

    @Test("Fractions, huge and tiny values, a missing value and statuses, read back equal and ordered", arguments: TestBackend.available)
    func exact(backend: TestBackend) async throws {
        try await backend.withStore { store in
            guard let (reference, submission) = try await Self.stored(store) else { return }
            let structure = try #require(reference.structure("REMITTANCES"))
            let query = try SDMXDataQuery(structure: structure, key: nil, parameters: ["startPeriod": "2022-Q1", "endPeriod": "2022-Q2"])
            let read = try await SDMXDataReader(store: store).observations(structure: structure, query: query, visibility: .allCurrent)
            let stored = try await SubmissionRepository(store: store).observations(of: submission.id)
            #expect(read.count == 6)
            #expect(Set(read) == Set(stored), "every value, status and missing value as stored")
            let order = read.map { "\($0.seriesKey) \($0.period.formatted)" }
            #expect(order == order.sorted() && order.first == "BWA.BANK 2022-Q1", "\(order)")
            #expect(read.first { $0.seriesKey == "ZAF.BANK" && $0.period.formatted == "2022-Q2" }?.value == 1234567.8912345678)
            #expect(read.first { $0.seriesKey == "ZAF.MTO" && $0.period.formatted == "2022-Q2" }?.value == nil)
        }
    }

    @Test("The key space cut into parts at first-dimension codes: the parts read one by one give the whole, in order", arguments: TestBackend.available)
    func parts(backend: TestBackend) async throws {
        try await backend.withStore { store in
            guard let (reference, _) = try await Self.stored(store) else { return }
            let structure = try #require(reference.structure("REMITTANCES"))
            let query = try SDMXDataQuery(structure: structure, key: nil, parameters: [:])
            let whole = try await SDMXDataReader(store: store).observations(structure: structure, query: query, visibility: .allCurrent)
            let reader = SDMXDataReader(store: store, codelists: reference.codelistsByID)
            #expect(try await reader.observations(structure: structure, query: query, visibility: .allCurrent) == whole)
            for count in [2, 3, 64] {
                let ranges = reader.ranges(structure, query: query, parts: count)
                #expect(ranges.count == count, "the codelist has more than 64 countries")
                var read: [Observation] = []
                for range in ranges { read += try await reader.observations(structure: structure, query: query, visibility: .allCurrent, in: range) }
                #expect(read == whole, "\(count) parts")
            }
            // Asked for two codes, the parts are cut between them.
            let two = try SDMXDataQuery(structure: structure, key: "ZAF+BWA.", parameters: [:])
            #expect(reader.ranges(structure, query: two, parts: 64) == [SeriesKeyRange(from: nil, before: "ZAF."), SeriesKeyRange(from: "ZAF.", before: nil)])
        }
    }
}
