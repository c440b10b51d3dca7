import ArgumentParser
import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSWeb

/// Statistics exchanged with other countries' services by SDMX (D69).
struct ExchangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exchange", abstract: "Exchange statistics with partner SDMX services.", subcommands: [Pull.self]
    )

    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pull a partner's dataflow as a mapping file describes, and store it for review (exit 1, storing nothing, on any problem)."
        )

        @OptionGroup var common: CommonOptions

        @Argument(help: "The mapping file (JSON: id, service, dataflow, key, startPeriod, dataset, organisation, dimensions).")
        var mapping: String

        func run() async throws {
            let settings = try common.settings()
            let mapping: ExchangeMapping
            do { mapping = try ExchangeMapping.read(URL(fileURLWithPath: self.mapping)) } catch { fail(error.description) }
            let prepared: IMDMSSetup.Prepared
            do { prepared = try await IMDMSSetup.prepare(settings: settings, demo: false, logger: common.logger()) } catch { fail("\(error)") }
            let outcome: ExchangePull.Outcome
            do { outcome = try await ExchangePull(store: prepared.store, reference: prepared.reference).pull(mapping) } catch {
                await prepared.store.close()
                fail("\(error)")
            }
            await prepared.store.close()
            switch outcome {
            case let .stored(submission, count):
                say("stored \(count) observation(s) of \(submission.datasetID) from \(mapping.service) as submission \(submission.id.uuidString), for review")
            case let .nothingNew(since):
                say("nothing new from \(mapping.service)" + (since.map { " since \(ISO8601DateFormatter().string(from: $0))" } ?? ""))
            }
        }
    }
}
