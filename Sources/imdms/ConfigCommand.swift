import ArgumentParser
import Foundation
import IMDMSCore
import IMDMSWeb

/// A country's configuration as files (D67): check a folder before starting with it, or write one
/// out as the start of another country's.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Check or write a country configuration folder.", subcommands: [Check.self, Export.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Read a configuration folder and name every problem in it (exit 1 if any).")

        @Argument(help: "The configuration folder.")
        var folder: String

        func run() async throws {
            do {
                let configuration = try ConfigurationFolder.read(URL(fileURLWithPath: folder))
                say("\(configuration.countryName) (\(configuration.agencyID)): \(configuration.organisations.count) organisations, "
                    + "\(configuration.codelists.count) codelists, \(configuration.structures.count) dataset(s); no problems")
            } catch {
                fail(error.description)
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the configuration in use (--config, else Lesotho's) as a folder to edit for another country."
        )

        @OptionGroup var common: CommonOptions

        @Argument(help: "The folder to write (created if needed).")
        var folder: String

        func run() async throws {
            let settings = try common.settings()
            do {
                let configuration = try settings.reference()
                try ConfigurationFolder.write(configuration, to: URL(fileURLWithPath: folder))
                try copyReports(from: settings.countryReportsDirectory, to: (folder as NSString).appendingPathComponent("reports"))
                say("wrote \(configuration.countryName)'s configuration to \(folder)")
            } catch {
                fail("\(error)")
            }
        }

        /// The reports go with the configuration: the country's own, else the shipped (Lesotho's).
        func copyReports(from country: String?, to target: String) throws {
            let files = FileManager.default
            let sources = if let country { ((try? files.contentsOfDirectory(atPath: country)) ?? []).filter { $0.hasSuffix(".json") }
                .map { URL(fileURLWithPath: (country as NSString).appendingPathComponent($0)) } } else { ReportLibrary.shippedFiles() }
            guard !sources.isEmpty else { return }
            try files.createDirectory(atPath: target, withIntermediateDirectories: true)
            for source in sources {
                let destination = URL(fileURLWithPath: target).appendingPathComponent(source.lastPathComponent)
                try? files.removeItem(at: destination)
                try files.copyItem(at: source, to: destination)
            }
        }
    }
}
