import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing

@Suite("Accounts")
struct AccountTests {
    @Test("The first administrator is created once, with a Bcrypt hash that verifies only the right password", arguments: TestBackend.available)
    func firstAdmin(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await ReferenceRepository(store: store).seedIfEmpty(Fixtures.lesotho)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imdms-admin-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let credentials = try #require(try await FirstAdmin.ensure(store: store, dataDirectory: folder))
            #expect(try await FirstAdmin.ensure(store: store, dataDirectory: folder) == nil)
            let stored = try #require(try await UserRepository(store: store).credentials(username: "admin"))
            #expect(stored.user.role == .administrator)
            #expect(stored.passwordHash.hasPrefix("$2"))
            #expect(!stored.passwordHash.contains(credentials.password))
            #expect(PasswordHasher.verify(credentials.password, hash: stored.passwordHash))
            #expect(!PasswordHasher.verify(credentials.password + "x", hash: stored.passwordHash))
            let file = try String(contentsOfFile: credentials.file, encoding: .utf8)
            #expect(file == "admin\n\(credentials.password)\n")
            let permissions = try FileManager.default.attributesOfItem(atPath: credentials.file)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            #expect(PasswordPolicy.problems(password: credentials.password, username: "admin").isEmpty)
            await #expect(throws: StorageError.self) {
                try await UserRepository(store: store).create(User(username: "admin", displayName: "x", role: .viewer, organisationID: nil),
                                                              passwordHash: "x")
            }
        }
    }

    @Test("A first-login file that cannot be written makes no account: the next start tries again", arguments: TestBackend.available)
    func firstAdminFileNotWritten(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await ReferenceRepository(store: store).seedIfEmpty(Fixtures.lesotho)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imdms-admin-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            // A folder where the file should be: the file cannot be written (as root too).
            try FileManager.default.createDirectory(atPath: FirstAdmin.file(in: folder), withIntermediateDirectories: true)
            await #expect(throws: FirstAdmin.FileNotWritten.self) { try await FirstAdmin.ensure(store: store, dataDirectory: folder) }
            #expect(try await UserRepository(store: store).credentials(username: FirstAdmin.username) == nil, "no account without its password")
            try FileManager.default.removeItem(atPath: FirstAdmin.file(in: folder))
            let credentials = try #require(try await FirstAdmin.ensure(store: store, dataDirectory: folder))
            #expect(try String(contentsOfFile: credentials.file, encoding: .utf8) == "admin\n\(credentials.password)\n")
        }
    }
}
