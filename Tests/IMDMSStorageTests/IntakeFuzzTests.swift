import Foundation
import IMDMSCore
import IMDMSFuzz
import IMDMSStorage
import IMDMSTestSupport
import Testing

/// The bounded fuzzing run of CI: damaged and hostile variants of the ministries' sample files
/// (workbooks with their zip structure, XML and bytes mangled; CSV and SDMX-CSV text mangled) go
/// through the intake. Every case must end read or refused with a message: a trap would end this
/// process and a stall would trip the time limit. The long run is `imdms-bench fuzz`.
@Suite("Fuzzing the intake: every damaged file read or refused with a message")
struct IntakeFuzzTests {
    static let cases = 400

    @Test("Four hundred mutated sample files", .timeLimit(.minutes(10)))
    func bounded() async throws {
        try await TestBackend.sqlite.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let samples = try MiniXLSX.sample("police-tip-victims-2022.xlsx").deletingLastPathComponent()
            let tally = await IntakeFuzzRun.run(store: store, reference: reference, seeds: try IntakeFuzzRun.seeds(samples: samples),
                                                cases: Self.cases, seed: 20_261_201)
            #expect(tally.unexpected.isEmpty, "\(tally.unexpected.prefix(10))")
            #expect(tally.read + tally.refused == Self.cases)
            #expect(tally.refused > Self.cases / 4 && tally.read > 0, "the mutations both break files and leave some readable: \(tally.read) read, \(tally.refused) refused")
            #expect(try await SubmissionRepository(store: store).observationCount() == 0, "dry runs store nothing")
        }
    }
}
