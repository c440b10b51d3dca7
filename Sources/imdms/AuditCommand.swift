import ArgumentParser
import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSWeb

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Work with the audit trail.", subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no audit entry was changed or deleted (exit 1 names the first broken entry)."
        )

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let settings = try common.settings()
            // With the audit key every entry's seal is checked: a trail rewritten with database
            // access alone fails. Without it only the chain can be checked, and this says so.
            let seal: AuditSeal?
            do { seal = try AuditSeal.load(path: settings.auditKeyFile, create: false) } catch {
                say("warning: \(error); checking the chain of hashes only")
                seal = nil
            }
            let store: Store
            do { store = try await Store.open(settings.storageLocation, logger: common.logger(), auditSeal: seal) } catch {
                fail("\(error)")
            }
            let result: AuditVerification
            do { result = try await AuditRepository(store: store).verify() } catch {
                await store.close()
                fail("\(error)")
            }
            await store.close()
            say(result.description)
            if case .broken = result { throw ExitCode.failure }
        }
    }
}

import IMDMSCore
