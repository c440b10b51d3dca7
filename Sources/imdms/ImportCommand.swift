import ArgumentParser
import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSWeb

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Check a file (XLSX, CSV or SDMX-CSV) and store it as one submission, or store nothing and list every problem."
    )

    enum OutputFormat: String, ExpressibleByArgument { case text, json }

    @OptionGroup var common: CommonOptions

    @Argument(help: "The file: an .xlsx workbook, a CSV file or an SDMX-CSV 1.0 file.")
    var file: String

    @Option(name: .long, help: "The dataset id, e.g. BORDER_CROSSINGS.")
    var dataset: String

    @Option(name: .long, help: "An import profile (JSON) saying how the file's layout maps to the dataset; proposed from the file when absent.")
    var profile: String?

    @Option(name: .customLong("save-profile"), help: "Write the profile used (given or proposed) to this JSON file, to reuse next month.")
    var saveProfile: String?

    @Flag(name: .customLong("dry-run"), help: "Check and summarise only; store nothing.")
    var dryRun = false

    @Option(name: .long, help: "Output: text (default) or json (a machine-readable summary).")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Id of an earlier submission this file corrects.")
    var supersedes: String?

    func run() async throws {
        let settings = try common.settings()
        var supersededID: UUID?
        if let supersedes {
            guard let id = UUID(uuidString: supersedes) else { throw ValidationError("--supersedes '\(supersedes)' is not a submission id") }
            supersededID = id
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            fail("cannot read \(file): \(error.localizedDescription)")
        }
        var givenProfile: ImportProfile?
        if let profile {
            do { givenProfile = try JSONDecoder().decode(ImportProfile.self, from: Data(contentsOf: URL(fileURLWithPath: profile))) } catch {
                fail("the profile \(profile) cannot be used: \(error)")
            }
        }
        let prepared = try await IMDMSSetup.prepare(settings: settings, demo: false, logger: common.logger())
        guard prepared.reference.structure(dataset) != nil else {
            await prepared.store.close()
            fail("there is no dataset '\(dataset)'; the datasets are: \(prepared.reference.structures.map(\.id).joined(separator: ", "))")
        }
        let outcome: IntakeService.Outcome
        do {
            outcome = try await IntakeService(store: prepared.store, reference: prepared.reference).importFile(
                IncomingFile(name: (file as NSString).lastPathComponent, data: data), datasetID: dataset, profile: givenProfile,
                channel: .commandLine, supersedes: supersededID, dryRun: dryRun,
                progress: { sheet, rows in FileHandle.standardError.write(Data("reading '\(sheet)': \(rows) rows…\n".utf8)) }
            )
        } catch {
            await prepared.store.close()
            let hint = (error as? StorageError).map { if case .conflict = $0 { return " (to replace it: --supersedes SUBMISSION)" } else { return "" } } ?? ""
            FileHandle.standardError.write(Data("error: \(error)\(hint)\nNothing was stored.\n".utf8))
            throw ExitCode.failure
        }
        await prepared.store.close()
        if let saveProfile, let used = outcome.preview.profile {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do { try encoder.encode(used).write(to: URL(fileURLWithPath: saveProfile)) } catch {
                fail("cannot write the profile to \(saveProfile): \(error.localizedDescription)")
            }
        }
        ImportReport(outcome: outcome, file: file).print(format: format)
        if case .rejected = outcome { throw ExitCode.failure }
    }
}

/// What `imdms import` prints: a readable summary, or JSON for other programs.
struct ImportReport {
    let outcome: IntakeService.Outcome
    let file: String

    func print(format: ImportCommand.OutputFormat) {
        let preview = outcome.preview
        switch format {
        case .json:
            let summary = ImportSummary(outcome)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            say(String(decoding: (try? encoder.encode(summary)) ?? Data(), as: UTF8.self))
        case .text:
            for note in preview.notes { say("note: \(note)") }
            for warning in preview.warnings { say("warning: \(warning)") }
            switch outcome {
            case let .stored(submission, _):
                say("Stored \(submission.observationCount) observations for \(preview.datasetID) as submission \(submission.id.uuidString) (SHA-256 \(preview.sha256)).")
            case .checked:
                say("Dry run: \(preview.observationCount) observations for \(preview.datasetID), periods \(preview.periods.joined(separator: ", ")), sum \(preview.valueSum); nothing was stored.")
            case .rejected:
                var text = "\(file): \(preview.problems.count) problem(s); nothing was stored.\n"
                for problem in preview.problems { text += "  \(problem)\n" }
                FileHandle.standardError.write(Data(text.utf8))
            }
        }
    }
}
