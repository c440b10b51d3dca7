import ArgumentParser
import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSWeb

/// `imdms subscriber add|remove|list`: who gets an e-mail (D54) or a webhook call (D59) at each release.
struct SubscriberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscriber", abstract: "Manage who receives an e-mail or a webhook call when new statistics are released.",
        subcommands: [Add.self, Remove.self, List.self])

    /// Opens the store, runs `body`, closes it; an error ends the command with its message.
    static func withRepository(_ common: CommonOptions, _ body: (ReleaseRepository) async throws -> Void) async throws {
        let prepared = try await IMDMSSetup.prepare(settings: try common.settings(), demo: false, logger: common.logger())
        do { try await body(ReleaseRepository(store: prepared.store)) } catch {
            await prepared.store.close()
            fail("\(error)")
        }
        await prepared.store.close()
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an e-mail address (released reports are sent to it through IMDMS_SMTP_HOST) or a webhook URL (POSTed JSON, signed with IMDMS_WEBHOOK_SECRET).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The e-mail address or webhook URL.") var address: String

        func run() async throws {
            try await SubscriberCommand.withRepository(common) { try await $0.subscribe(address, by: "cli") }
            say("Added \(address): it receives \(ReleaseWebhook.isWebhook(address) ? "a webhook call" : "an e-mail") at each release.")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an e-mail address or webhook URL (nothing more is sent to it).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The e-mail address or webhook URL.") var address: String

        func run() async throws {
            try await SubscriberCommand.withRepository(common) { try await $0.unsubscribe(address, by: "cli") }
            say("Removed \(address).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the e-mail addresses and webhook URLs.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await SubscriberCommand.withRepository(common) { repository in
                for address in try await repository.subscribers() { print(address) }
            }
        }
    }
}
