import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import Testing

@Suite("Submissions and imports")
struct SubmissionStorageTests {
    static func seeded(_ store: Store) async throws -> ReferenceConfiguration {
        try await ReferenceRepository(store: store).seedIfEmpty(Fixtures.lesotho)
        return try await ReferenceRepository(store: store).load()
    }

    @Test("Importing a valid SDMX-CSV file stores exactly its observations", arguments: TestBackend.available)
    func validImport(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await Self.seeded(store)
            let data = Data(Fixtures.validBorderCSV.utf8)
            let outcome = try await IntakeService(store: store, reference: reference)
                .importSDMXCSV(data, fileName: "nov-dec.csv", datasetID: "BORDER_CROSSINGS", channel: .commandLine)
            guard case let .stored(submission) = outcome else { Issue.record("rejected: \(outcome)"); return }
            #expect(submission.observationCount == 8)
            #expect(submission.source?.sha256 == SourceFile.sha256(of: data))
            #expect(submission.source?.sha256.count == 64)
            let expected = SDMXCSVReader(structure: reference.structure("BORDER_CROSSINGS")!, codelists: reference.codelistsByID,
                                         agencyID: reference.agencyID).read(data).observations
            let stored = try await SubmissionRepository(store: store).observations(of: submission.id)
            #expect(Set(stored) == Set(expected))
            #expect(stored.count == 8)
            #expect(try await SubmissionRepository(store: store).observationCount() == 8)
            let found = try await SubmissionRepository(store: store).find(submission.id)
            #expect(found?.status == .submitted)
            #expect(found?.source?.name == "nov-dec.csv")
        }
    }

    @Test("A file with five faults reports all five and leaves the database unchanged", arguments: TestBackend.available)
    func faultyImport(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await Self.seeded(store)
            let intake = IntakeService(store: store, reference: reference)
            _ = try await intake.importSDMXCSV(Data(Fixtures.validBorderCSV.utf8), fileName: "a.csv", datasetID: "BORDER_CROSSINGS", channel: .commandLine)
            let before = (try await SubmissionRepository(store: store).list().count, try await SubmissionRepository(store: store).observationCount())
            let outcome = try await intake.importSDMXCSV(Data(Fixtures.fiveFaultBorderCSV.utf8), fileName: "bad.csv",
                                                         datasetID: "BORDER_CROSSINGS", channel: .commandLine)
            guard case let .rejected(problems) = outcome else { Issue.record("a faulty file was stored"); return }
            #expect(problems.count == 5)
            #expect(Set(problems.map(\.kind)) == [.unknownCode, .badPeriod, .notANumber, .duplicateKey])
            let after = (try await SubmissionRepository(store: store).list().count, try await SubmissionRepository(store: store).observationCount())
            #expect(after == before)
            #expect(before == (1, 8))
        }
    }

    @Test("The same data twice is a conflict; a correction supersedes without deleting", arguments: TestBackend.available)
    func supersede(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await Self.seeded(store)
            let intake = IntakeService(store: store, reference: reference)
            let csv = Fixtures.validBorderCSV
            guard case let .stored(first) = try await intake.importSDMXCSV(Data(csv.utf8), fileName: "v1.csv", datasetID: "BORDER_CROSSINGS", channel: .web)
            else { Issue.record("first import rejected"); return }
            await #expect(throws: StorageError.self) {
                _ = try await intake.importSDMXCSV(Data(csv.utf8), fileName: "again.csv", datasetID: "BORDER_CROSSINGS", channel: .web)
            }
            let corrected = csv.replacingOccurrences(of: "2022-11,1204", with: "2022-11,1250")
            guard case let .stored(second) = try await intake.importSDMXCSV(
                Data(corrected.utf8), fileName: "v2.csv", datasetID: "BORDER_CROSSINGS", channel: .web, supersedes: first.id)
            else { Issue.record("correction rejected"); return }
            let repository = SubmissionRepository(store: store)
            #expect(try await repository.find(first.id)?.status == .superseded)
            #expect(try await repository.find(second.id)?.supersedesID == first.id)
            #expect(try await repository.observations(of: first.id).count == 8)
            let table = try await TableReader(store: store).table(
                TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "BORDER_POST", columnDimension: "DIRECTION",
                             startPeriod: try Period(parsing: "2022-11"), endPeriod: try Period(parsing: "2022-11")),
                reference: reference, visibility: .allCurrent)
            #expect(table.value(row: "MSB", column: "ARR") == 1250)
            await #expect(throws: StorageError.self) {
                _ = try await intake.importSDMXCSV(Data(corrected.utf8), fileName: "v3.csv", datasetID: "BORDER_CROSSINGS", channel: .web, supersedes: first.id)
            }
        }
    }

    @Test("The same producer's new delivery of the same periods supersedes the earlier one; a partial overlap is a conflict",
          arguments: TestBackend.available)
    func automaticSupersede(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await Self.seeded(store)
            let intake = IntakeService(store: store, reference: reference)
            guard case let .stored(first) = try await intake.importSDMXCSV(
                Data(Fixtures.validBorderCSV.utf8), fileName: "v1.csv", datasetID: "BORDER_CROSSINGS", channel: .web)
            else { Issue.record("first import rejected"); return }
            let november = Fixtures.validBorderCSV.split(separator: "\n").filter { !$0.contains("2022-12") }.joined(separator: "\n")
            await #expect(throws: StorageError.self) {
                _ = try await intake.importSDMXCSV(Data(november.utf8), fileName: "nov.csv", datasetID: "BORDER_CROSSINGS", channel: .web)
            }
            let corrected = Fixtures.validBorderCSV.replacingOccurrences(of: "2022-12,870", with: "2022-12,871")
            guard case let .stored(second) = try await intake.importSDMXCSV(
                Data(corrected.utf8), fileName: "v2.csv", datasetID: "BORDER_CROSSINGS", channel: .web)
            else { Issue.record("the corrected delivery was rejected"); return }
            let repository = SubmissionRepository(store: store)
            #expect(second.supersedesID == first.id)
            #expect(try await repository.find(first.id)?.status == .superseded)
            #expect(try await repository.observations(of: first.id).count == 8, "the earlier delivery stays restorable")
            #expect(try await repository.observationCount() == 16)
        }
    }

    @Test("A failure part-way through storing leaves the database as it was", arguments: TestBackend.available)
    func atomicity(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await Self.seeded(store)
            let structure = try #require(reference.structure("BORDER_CROSSINGS"))
            let months = try Period(parsing: "2015-01").through(Period(parsing: "2024-12"))
            var observations = months.flatMap { period in
                ["MSB", "MPT", "CLP", "VRG", "QNK"].flatMap { post in
                    ["F", "M"].flatMap { sex in ["ARR", "DEP"].map { Observation(key: [post, $0, "LSO", sex, "_T", "_T"], period: period, value: 1) } }
                }
            }
            // A repeated key in the last batch: the database's UNIQUE constraint fails after
            // earlier batches were written, as a crash mid-import would.
            observations.append(observations[0])
            #expect(observations.count > SubmissionRepository.observationsPerStatement)
            let submission = Submission(datasetID: structure.id, organisationID: structure.organisationID, source: nil,
                                        channel: .api, status: .submitted)
            await #expect(throws: (any Error).self) {
                try await SubmissionRepository(store: store).store(submission, observations: observations, structure: structure)
            }
            #expect(try await SubmissionRepository(store: store).list().isEmpty)
            #expect(try await SubmissionRepository(store: store).observationCount() == 0)
        }
    }
}
