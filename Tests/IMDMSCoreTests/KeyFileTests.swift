import Foundation
import IMDMSCore
import Testing

@Suite("Key files: a random key that ends in a line-end byte is still the whole key")
struct KeyFileTests {
    @Test("32 random bytes ending in LF or CR are kept whole; a typed key's line end is dropped; the same file always gives the same key")
    func lineEnds() throws {
        for last: UInt8 in [0x0A, 0x0D] {
            let random = Data((0..<31).map { UInt8($0 * 7 % 251) } + [last])
            #expect(KeyFileContent.key(random, minimum: 32) == random)
            #expect(throws: Never.self) { try AuditSeal(key: KeyFileContent.key(random, minimum: 32)) }
            #expect(throws: Never.self) { try Pseudonymiser(key: KeyFileContent.key(random, minimum: 32)) }
        }
        let typed = Data("a passphrase of more than thirty-two characters\n".utf8)
        #expect(KeyFileContent.key(typed, minimum: 32) == Data("a passphrase of more than thirty-two characters".utf8))
        let short = Data("too short\r\n".utf8)
        #expect(KeyFileContent.key(short, minimum: 32) == short, "too short either way: refused with its real length")
        #expect(throws: AuditSealError.keyTooShort(bytes: 11)) { try AuditSeal(key: KeyFileContent.key(short, minimum: 32)) }
    }

    @Test("The audit key the start creates always loads (200 fresh keys)")
    func createdKeysLoad() throws {
        let folder = NSTemporaryDirectory() + "imdms-keys-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for index in 0..<200 {
            let path = (folder as NSString).appendingPathComponent("audit-\(index).key")
            #expect(throws: Never.self) { _ = try AuditSeal.load(path: path, create: true) }
            #expect(throws: Never.self) { _ = try AuditSeal.load(path: path, create: false) }
        }
    }
}
