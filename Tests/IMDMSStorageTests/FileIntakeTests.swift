import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import Testing

@Suite("File intake: the ministries' samples end to end")
struct FileIntakeTests {
    static func file(_ name: String) throws -> IncomingFile {
        IncomingFile(name: name, data: try Data(contentsOf: try MiniXLSX.sample(name)))
    }

    static func counts(_ store: Store) async throws -> (Int, Int) {
        (try await SubmissionRepository(store: store).list().count, try await SubmissionRepository(store: store).observationCount())
    }

    @Test("The Labour CSV imports by the proposed profile alone; the file is kept; the same file twice is recognised",
          arguments: TestBackend.available)
    func labour(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let intake = IntakeService(store: store, reference: reference)
            let file = try Self.file("mole-labour-migrants-2022.csv")
            guard case let .stored(submission, preview) = try await intake.importFile(file, datasetID: "LABOUR_MIGRATION", channel: .commandLine)
            else { Issue.record("rejected"); return }
            #expect(preview.valueSum == 44_710)
            #expect(submission.observationCount == preview.observationCount)
            let kept = try await SubmissionRepository(store: store).sourceFile(sha256: preview.sha256)
            #expect(kept?.content == file.data)
            let table = try await TableReader(store: store).table(
                TableRequest(datasetID: "LABOUR_MIGRATION", rowDimension: "DESTINATION"), reference: reference, visibility: .allCurrent)
            #expect(table.grandTotal == 44_710, "the stored detail equals the file's grand total")
            #expect(table.rows.filter { $0.code != "FOREIGN" }.map(\.code).max { (table.rowTotal($0) ?? 0) < (table.rowTotal($1) ?? 0) } == "ZAF")
            #expect(table.rows.first { $0.code == "FOREIGN" }.map { _ in table.rowTotal("FOREIGN") } == table.grandTotal, "all Labour destinations are foreign: the subtotal is the total")
            let renamed = IncomingFile(name: "copy.csv", data: file.data)
            await #expect(throws: StorageError.self) { _ = try await intake.importFile(renamed, datasetID: "LABOUR_MIGRATION", channel: .commandLine) }
        }
    }

    @Test("The Home Affairs workbook imports once its unknown port is confirmed; a copy with other values reuses the profile",
          arguments: TestBackend.available)
    func homeAffairs(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let intake = IntakeService(store: store, reference: reference)
            let file = try Self.file("moha-border-crossings-2022-11-12.xlsx")
            let first = try await intake.importFile(file, datasetID: "BORDER_CROSSINGS", channel: .web)
            guard case let .rejected(preview) = first, var profile = preview.profile else { Issue.record("expected an unknown port"); return }
            #expect(preview.problems.map(\.kind) == [.unknownCode])
            profile.aliases = ["CL_BORDER_POST": ["Ficksburg Bridge (Maputsoe)": "MPT"]]
            guard case let .stored(_, stored) = try await intake.importFile(file, datasetID: "BORDER_CROSSINGS", profile: profile, channel: .web)
            else { Issue.record("rejected after confirmation"); return }
            #expect(stored.observationCount == 2 * 12 * 8)
            let november = try await TableReader(store: store).table(
                TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "DIRECTION",
                             startPeriod: try Period(parsing: "2022-11"), endPeriod: try Period(parsing: "2022-11")), reference: reference, visibility: .allCurrent)
            #expect(november.grandTotal == 1_129_575)
            // Next year's file: same layout, other values, other months.
            var grids = try file.grids()
            #expect(grids.count == 2)
            // Maseru Bridge's male Basotho arrivals change; the row and column totals change with them.
            func add(_ delta: Double, row: Int, column: Int) {
                if case let .number(n)? = grids[0].value(row: row, column: column) { grids[0].set(.number(n + delta), row: row, column: column) }
            }
            for (row, column) in [(8, 2), (8, 10), (20, 2), (20, 10)] { add(-1_000, row: row, column: column) }
            let copy = try XLSXRewriter.workbook(from: grids, renamingSheets: ["November 2023", "December 2023"])
            guard case let .stored(_, next) = try await intake.importFile(IncomingFile(name: "2023.xlsx", data: copy), datasetID: "BORDER_CROSSINGS",
                                                                          profile: profile, channel: .web)
            else { Issue.record("the saved profile did not apply"); return }
            #expect(next.periods == ["2023-11", "2023-12"])
        }
    }

    @Test("The health workbook's faults are each reported and nothing is stored", arguments: TestBackend.available)
    func health(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let outcome = try await IntakeService(store: store, reference: reference)
                .importFile(try Self.file("moh-migrant-health-2022Q4.xlsx"), datasetID: "MIGRANT_HEALTH", channel: .web)
            guard case let .rejected(preview) = outcome else { Issue.record("stored"); return }
            #expect(Set(preview.problems.map(\.kind)) == [.negativeCount, .notANumber, .unknownCode])
            #expect(preview.problems.allSatisfy { $0.sheet != nil && $0.row != nil })
            #expect(try await Self.counts(store) == (0, 0))
        }
    }

    @Test("Malformed inputs get a clear error and store nothing", arguments: TestBackend.available)
    func malformed(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let intake = IntakeService(store: store, reference: reference)
            let sample = try Self.file("police-tip-victims-2022.xlsx").data
            let bomb = try MiniXLSX.make(sheets: [("S", MiniXLSX.sheet(String(repeating: "<row/>", count: 1_000_000)))])
            let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 512))
            let cases: [(String, Data, String)] = [
                ("truncated.xlsx", sample.prefix(sample.count / 2), "incomplete or damaged"),
                ("bomb.xlsx", bomb, "zip bomb"),
                ("old.xls", ole, "Excel 97–2003"),
                ("ragged.csv", Data("Year;Quarter;Country;Industry;Sex;No\n2022;Q1;RSA;Mining;M;5;extra\n".utf8), "fields where the header has"),
                ("empty.xlsx", try MiniXLSX.make(sheets: [("Empty", MiniXLSX.sheet(""))]), "no layout could be recognised"),
            ]
            for (name, data, fragment) in cases {
                let outcome = try await intake.importFile(IncomingFile(name: name, data: data), datasetID: "TIP_VICTIMS", channel: .web)
                guard case let .rejected(preview) = outcome else { Issue.record("\(name) was accepted"); continue }
                #expect(preview.problems.count == 1, "\(name)")
                #expect(preview.problems.first?.description.contains(fragment) == true, "\(name): \(preview.problems)")
            }
            #expect(try await Self.counts(store) == (0, 0))
        }
    }

    @Test("Warnings for a value over three times last year and a sudden zero do not block", arguments: TestBackend.available)
    func warnings(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let intake = IntakeService(store: store, reference: reference)
            _ = try await intake.importFile(try Self.file("mole-labour-migrants-2022.csv"), datasetID: "LABOUR_MIGRATION", channel: .web)
            let next = "Year;Quarter;Country of destination;Industry;Sex;No. of workers\n2023;Q1;South Africa;Mining;M;40000\n2023;Q1;RSA;Mining;F;0\n"
            let outcome = try await intake.importFile(IncomingFile(name: "2023Q1.csv", data: Data(next.utf8)), datasetID: "LABOUR_MIGRATION", channel: .web)
            guard case let .stored(_, preview) = outcome else { Issue.record("warnings blocked the import: \(outcome.preview.problems)"); return }
            #expect(preview.warnings.map(\.kind) == [.unusualChange, .suddenZero])
            #expect(preview.warnings.map(\.row) == [2, 3])
            #expect(preview.warnings.first?.message.contains("2022-Q1 (7974)") == true)
            #expect(preview.warnings.allSatisfy { $0.isWarning })
        }
    }

    @Test("A confirmed alias and the saved profile apply to the producer's next file without asking", arguments: TestBackend.available)
    func savedProfileAndAliases(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let intake = IntakeService(store: store, reference: reference)
            let file = try Self.file("moha-border-crossings-2022-11-12.xlsx")
            guard case let .rejected(first) = try await intake.importFile(file, datasetID: "BORDER_CROSSINGS", channel: .web),
                  let unknown = first.problems.first?.value, var corrected = first.profile
            else { Issue.record("expected the unknown port"); return }
            #expect(first.profileSource == .proposed)
            try await AliasRepository(store: store).confirm(unknown, code: "MPT", codelist: reference.codelistsByID["CL_BORDER_POST"]!,
                                                            organisationID: "MOHA")
            await #expect(throws: StorageError.self) {
                try await AliasRepository(store: store).confirm("Somewhere", code: "XXX", codelist: reference.codelistsByID["CL_BORDER_POST"]!,
                                                                organisationID: "MOHA")
            }
            corrected.blankCells = .zero
            guard case .stored = try await intake.importFile(file, datasetID: "BORDER_CROSSINGS", profile: corrected, channel: .web)
            else { Issue.record("rejected after confirming the alias"); return }
            let saved = try await ImportProfileRepository(store: store).profiles(organisationID: "MOHA", datasetID: "BORDER_CROSSINGS")
            #expect(saved.count == 1)
            #expect(saved.first?.signature?.isEmpty == false)
            let next = try XLSXRewriter.workbook(from: try file.grids(), renamingSheets: ["November 2023", "December 2023"])
            let outcome = try await intake.importFile(IncomingFile(name: "2023.xlsx", data: next), datasetID: "BORDER_CROSSINGS", channel: .web)
            guard case let .stored(_, preview) = outcome else { Issue.record("next file rejected: \(outcome.preview.problems)"); return }
            #expect(preview.profileSource == .saved)
            #expect(preview.profile?.blankCells == .zero)
            #expect(preview.periods == ["2023-11", "2023-12"])
        }
    }

    @Test("A dry run stores nothing", arguments: TestBackend.available)
    func dryRun(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let reference = try await SubmissionStorageTests.seeded(store)
            let outcome = try await IntakeService(store: store, reference: reference)
                .importFile(try Self.file("mole-labour-migrants-2022.csv"), datasetID: "LABOUR_MIGRATION", channel: .commandLine, dryRun: true)
            guard case let .checked(preview) = outcome else { Issue.record("not checked"); return }
            #expect(preview.observationCount == 141)
            #expect(try await Self.counts(store) == (0, 0))
        }
    }
}
