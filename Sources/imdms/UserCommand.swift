import ArgumentParser
import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSWeb

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account. The password is generated and printed once unless IMDMS_NEW_PASSWORD is set."
        )

        @OptionGroup var common: CommonOptions

        @Argument(help: "The username (letters, digits, . _ -).")
        var name: String

        @Option(name: .long, help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String

        @Option(name: .long, help: "The user's organisation id (required for producers), e.g. MOHA.")
        var org: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role '\(role)' is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }), name.count <= 64 else {
                throw ValidationError("the username '\(name)' may use letters, digits, '.', '_' and '-' (at most 64)")
            }
            if role == .producer && org == nil { throw ValidationError("a producer belongs to an organisation: add --org ORG") }
            let given = ProcessInfo.processInfo.environment["IMDMS_NEW_PASSWORD"]
            let password = given ?? FirstAdmin.randomPassword()
            let problems = PasswordPolicy.problems(password: password, username: name)
            if !problems.isEmpty { fail("the password is refused: " + problems.joined(separator: "; ")) }
            let prepared = try await IMDMSSetup.prepare(settings: try common.settings(), demo: false, logger: common.logger())
            if let org, !prepared.reference.organisations.contains(where: { $0.id == org }) {
                await prepared.store.close()
                fail("there is no organisation '\(org)'; they are: \(prepared.reference.organisations.map(\.id).joined(separator: ", "))")
            }
            do {
                try await UserRepository(store: prepared.store).create(
                    User(username: name, displayName: name, role: role, organisationID: org), passwordHash: try PasswordHasher.hash(password), by: "cli")
            } catch {
                await prepared.store.close()
                fail("\(error)")
            }
            await prepared.store.close()
            say("Created \(role.rawValue) '\(name)'" + (org.map { " of \($0)" } ?? "") + ".")
            if given == nil { say("Password (shown once): \(password)") }
        }
    }
}
