import ArgumentParser
import Foundation
import IMDMSStorage
import IMDMSWeb

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Check an SDMX-CSV 1.0 file and store it as one submission, or store nothing and list every problem."
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "The SDMX-CSV file.")
    var file: String

    @Option(name: .long, help: "The dataset id, e.g. BORDER_CROSSINGS.")
    var dataset: String

    @Option(name: .long, help: "Id of an earlier submission this file corrects.")
    var supersedes: String?

    func run() async throws {
        let settings = try common.settings()
        let supersededID: UUID?
        if let supersedes {
            guard let id = UUID(uuidString: supersedes) else { throw ValidationError("--supersedes '\(supersedes)' is not a submission id") }
            supersededID = id
        } else {
            supersededID = nil
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            fail("cannot read \(file): \(error.localizedDescription)")
        }
        let prepared = try await IMDMSSetup.prepare(settings: settings, demo: false, logger: common.logger())
        guard prepared.reference.structure(dataset) != nil else {
            await prepared.store.close()
            fail("there is no dataset '\(dataset)'; the datasets are: \(prepared.reference.structures.map(\.id).joined(separator: ", "))")
        }
        let outcome: IntakeService.Outcome
        do {
            outcome = try await IntakeService(store: prepared.store, reference: prepared.reference).importSDMXCSV(
                data, fileName: (file as NSString).lastPathComponent, datasetID: dataset, channel: .commandLine, supersedes: supersededID
            )
        } catch {
            await prepared.store.close()
            let hint = (error as? StorageError).map { if case .conflict = $0 { return " (imdms import FILE --dataset ID --supersedes SUBMISSION)" } else { return "" } } ?? ""
            FileHandle.standardError.write(Data("error: \(error)\(hint)\nNothing was stored.\n".utf8))
            throw ExitCode.failure
        }
        switch outcome {
        case let .stored(submission):
            await prepared.store.close()
            say("Stored \(submission.observationCount) observations for \(dataset) as submission \(submission.id.uuidString) (SHA-256 \(submission.source?.sha256 ?? "")).")
        case let .rejected(problems):
            await prepared.store.close()
            var text = "\(file): \(problems.count) problem(s); nothing was stored.\n"
            for problem in problems { text += "  \(problem)\n" }
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode.failure
        }
    }
}
