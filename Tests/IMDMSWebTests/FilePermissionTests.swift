import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSWeb
import Vapor
import Testing

/// What IMDMS writes to disk is its owner's only, and the keys it is given must be too.
@Suite("Files on disk: private data folder, database and keys")
struct FilePermissionTests {
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test("A new data folder, its database and audit key are created 0700/0600")
    func created() async throws {
        let folder = NSTemporaryDirectory() + "imdms-perm-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let settings = AppSettings(dataDirectory: folder)
        let prepared = try await IMDMSSetup.prepare(settings: settings, demo: false, logger: Logger(label: "test"))
        // A new store's first administrator is made beside the migrations (`FirstAdmin.startSecret`): its file opens the account.
        let admin = try #require(prepared.admin)
        let stored = try await UserRepository(store: prepared.store).credentials(username: admin.username)
        await prepared.store.close()
        #expect(PasswordHasher.verify(admin.password, hash: try #require(stored).passwordHash))
        #expect(try String(contentsOfFile: admin.file, encoding: .utf8) == "admin\n\(admin.password)\n")
        #expect(Self.mode(folder) == 0o700)
        #expect(Self.mode(settings.auditKeyFile) == 0o600)
        #expect(Self.mode((folder as NSString).appendingPathComponent("imdms.sqlite")) == 0o600)
        #expect(Self.mode(try #require(prepared.admin).file) == 0o600)
    }

    @Test("A pseudonym key others may read stops the start with the command that fixes it")
    func openKey() async throws {
        let folder = NSTemporaryDirectory() + "imdms-perm-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let key = (folder as NSString).appendingPathComponent("pseudonym.key")
        #expect(FileManager.default.createFile(atPath: key, contents: Data(repeating: 7, count: 32), attributes: [.posixPermissions: 0o644]))
        var settings = AppSettings(dataDirectory: (folder as NSString).appendingPathComponent("data"))
        settings.pseudonymKeyFile = key
        await #expect(throws: MovementError.keyReadableByOthers(path: key, permissions: "644")) {
            _ = try await IMDMSSetup.prepare(settings: settings, demo: false, logger: Logger(label: "test"))
        }
        #expect(MovementError.keyReadableByOthers(path: key, permissions: "644").description.contains("chmod 600"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        #expect(throws: Never.self) { try Pseudonymiser.load(path: key) }
    }
}
