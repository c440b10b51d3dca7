import ArgumentParser
import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSWeb

struct MovementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "movements", abstract: "Traveller-level border records.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pseudonymise a border extract (CSV or XLSX) into the restricted movement store and derive BORDER_CROSSINGS (monthly, daily), MIGRATION_FLOWS and VISITOR_STAYS.",
            discussion: "Needs IMDMS_PSEUDONYM_KEY_FILE: a file of at least 32 random bytes, kept outside the database. Names, document numbers and dates of birth are never stored."
        )

        enum OutputFormat: String, ExpressibleByArgument { case text, json }

        @OptionGroup var common: CommonOptions

        @Argument(help: "The extract: a CSV file or an XLSX workbook (first sheet) with one row per crossing.")
        var file: String

        @Option(name: .long, help: "A movement profile (JSON): column names and aliases, e.g. {\"aliases\": {\"CL_BORDER_POST\": {\"Ficksburg Bridge (Maputsoe)\": \"MPT\"}}}.")
        var profile: String?

        @Flag(name: .long, help: "Store the crossings only; derive the statistics once, at the next import without this flag or the server's start (for loading many extracts in a row).")
        var noDerive = false

        @Option(name: .long, help: "Output: text (default) or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let settings = try common.settings()
            let pseudonymiser: Pseudonymiser
            do { pseudonymiser = try Pseudonymiser.load(path: settings.pseudonymKeyFile) } catch { fail(error.description) }
            var movementProfile = MovementProfile()
            if let profile {
                do { movementProfile = try JSONDecoder().decode(MovementProfile.self, from: Data(contentsOf: URL(fileURLWithPath: profile))) } catch {
                    fail("the profile \(profile) cannot be used: \(error)")
                }
            }
            guard FileManager.default.isReadableFile(atPath: file) else { fail("cannot read \(file)") }
            let prepared = try await IMDMSSetup.prepare(settings: settings, demo: false, logger: common.logger())
            let summary: MovementService.Summary
            do {
                summary = try await MovementService(store: prepared.store, reference: prepared.reference, pseudonymiser: pseudonymiser,
                                          permittedStayDays: settings.permittedStayDays)
                    .importFile(atPath: file, fileName: (file as NSString).lastPathComponent, profile: movementProfile, actor: "cli", derive: !noDerive)
            } catch {
                await prepared.store.close()
                fail("\(error)")
            }
            await prepared.store.close()
            if format == .json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            } else if summary.problems.isEmpty {
                say("Read \(summary.rows) crossings from \(summary.file): \(summary.added) new, \(summary.rows - summary.added) already stored or repeated.")
                if summary.derivationPending { say("Stored only: the derived statistics follow at the next import without --no-derive or at the server's start."); return }
                guard !summary.derivedSubmissions.isEmpty || !summary.heldPeriods.isEmpty else { say("Nothing new: the derived statistics stand."); return }
                say("\(summary.people) people; long-term migrants by the 12/16-month rule: \(summary.longTermArrivals) arrivals, \(summary.longTermDepartures) departures"
                    + (summary.provisionalMonths.isEmpty ? "." : "; provisional months \(summary.provisionalMonths.first!)–\(summary.provisionalMonths.last!)."))
                say("\(summary.visitorArrivals) visitor arrivals; \(summary.overstays) stayed, or are still present, beyond \(summary.permittedStayDays) days.")
                summary.derivationLines.forEach(say)
            } else {
                let lines = summary.problems.map(\.description)
                    + [summary.derivationPending ? "The crossings are stored; their derived statistics are pending." : "Nothing was stored."]
                FileHandle.standardError.write(Data(lines.map { "error: \($0)\n" }.joined().utf8))
            }
            if !summary.problems.isEmpty { throw ExitCode(1) }
        }
    }
}
