import Crypto
import Foundation

/// Replaces a traveller's identity by a keyed pseudonym: HMAC-SHA256 of the normalised document
/// number and nationality under a secret key kept outside the database. The same person gets
/// the same pseudonym in every extract read with the same key; without the key nobody can
/// recompute or reverse it. Rotating the key starts every person afresh (docs/DECISIONS.md D33).
public struct Pseudonymiser: Sendable {
    /// The shortest key accepted, in bytes (HMAC-SHA256's block of security).
    public static let minimumKeyLength = 32

    /// HMAC-SHA256 with the key taken in (its inner and outer blocks hashed) and no message yet:
    /// copied for each pseudonym, so the key is not taken in again for every new person.
    private let keyed: HMAC<SHA256>

    public init(key: Data) throws(MovementError) {
        guard key.count >= Self.minimumKeyLength else { throw .keyTooShort(bytes: key.count) }
        keyed = HMAC<SHA256>(key: SymmetricKey(data: key))
    }

    /// Reads the key from the file `IMDMS_PSEUDONYM_KEY_FILE` names (its bytes, a final line
    /// break ignored). Intake refuses to run without one.
    public static func load(path: String?) throws(MovementError) -> Pseudonymiser {
        guard let path, !path.isEmpty else { throw .noKey }
        // The key is what keeps pseudonyms from being reversed by hashing every document number:
        // a file the group or anyone may read is refused, like the audit key.
        if let permissions = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, permissions & 0o077 != 0 {
            throw .keyReadableByOthers(path: path, permissions: String(permissions, radix: 8))
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadableKey(path: path) }
        return try Pseudonymiser(key: KeyFileContent.key(data, minimum: minimumKeyLength))
    }

    /// `RA 864-8080` and `ra8648080` are the same document.
    /// An ASCII number (nearly all) is read byte by byte: letters made capitals, anything but
    /// letters and digits dropped — what the Unicode path does to ASCII, at a fraction of the cost
    /// (it ran twice for every new person of an extract).
    public static func normalise(documentNumber: String) -> String {
        var text = documentNumber
        let ascii: [UInt8]? = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"): kept.append(byte - 32)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): kept.append(byte)
                default: break
                }
            }
            return kept
        }
        if let ascii { return String(decoding: ascii, as: UTF8.self) }
        return String(documentNumber.uppercased().unicodeScalars.filter { alphanumerics.contains($0) }.map(Character.init))
    }

    /// Made once (Foundation makes the set again at every use of `CharacterSet.alphanumerics`).
    private static let alphanumerics = CharacterSet.alphanumerics

    /// 32 hexadecimal characters (128 bits of the HMAC: collisions are negligible among the
    /// millions of people who cross, and half the storage of the whole digest).
    public func pseudonym(documentNumber: String, nationality: String) -> String {
        pseudonym(normalisedDocument: Self.normalise(documentNumber: documentNumber), nationality: nationality)
    }

    /// The same, the document number already `normalise`d (the reader normalises it first, to
    /// find an empty one).
    public func pseudonym(normalisedDocument: String, nationality: String) -> String {
        var message = normalisedDocument + "|" + nationality.uppercased()
        var hmac = keyed
        message.withUTF8 { hmac.update(data: UnsafeRawBufferPointer($0)) }
        let mac = hmac.finalize()
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for byte in mac.prefix(16) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 15)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
