import Crypto
import Foundation

/// The file a submission came from: its name, size and SHA-256, kept with the submission.
public struct SourceFile: Hashable, Sendable, Codable {
    public var name: String
    public var byteCount: Int
    /// Lower-case hexadecimal SHA-256 of the exact bytes received.
    public var sha256: String

    public init(name: String, byteCount: Int, sha256: String) {
        self.name = name
        self.byteCount = byteCount
        self.sha256 = sha256
    }

    public init(name: String, contents: Data) {
        self.init(name: name, byteCount: contents.count, sha256: SourceFile.sha256(of: contents))
    }

    public static func sha256(of data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
