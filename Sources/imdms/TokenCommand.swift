import ArgumentParser
import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSWeb

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue an API token for a machine; the secret is printed once (only its SHA-256 is stored)."
        )

        @OptionGroup var common: CommonOptions

        @Argument(help: "What the token is for, e.g. moha-border-system.")
        var name: String

        @Option(name: .long, help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String

        @Option(name: .long, help: "The organisation id the token acts for (required for producers), e.g. MOHA.")
        var org: String?

        @Flag(name: .long, help: "Print only the secret (for scripts).")
        var quiet = false

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role '\(role)' is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 100 else {
                throw ValidationError("the token needs a name of 1 to 100 characters")
            }
            if role == .producer && org == nil { throw ValidationError("a producer's token belongs to an organisation: add --org ORG") }
            let prepared = try await IMDMSSetup.prepare(settings: try common.settings(), demo: false, logger: common.logger())
            if let org, !prepared.reference.organisations.contains(where: { $0.id == org }) {
                await prepared.store.close()
                fail("there is no organisation '\(org)'; they are: \(prepared.reference.organisations.map(\.id).joined(separator: ", "))")
            }
            let secret: String
            do {
                secret = try await APITokenRepository(store: prepared.store).create(name: name, role: role, organisationID: org, by: "cli").secret
            } catch {
                await prepared.store.close()
                fail("\(error)")
            }
            await prepared.store.close()
            if quiet { print(secret) } else {
                say("Issued a \(role.rawValue) token '\(name)'" + (org.map { " for \($0)" } ?? "") + ".")
                say("Secret (shown once; send as Authorization: Bearer …): \(secret)")
            }
        }
    }
}
