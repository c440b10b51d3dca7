import Crypto
import Foundation
import Testing
@testable import IMDMSCore

/// The document number normalised and the pseudonym written as before the ASCII path: pseudonyms
/// must never change for the same key, or every person would start afresh.
@Suite("Pseudonyms: the same for the same document")
struct PseudonymiserTests {
    /// The rule as first written (Unicode scalars, Foundation's alphanumerics).
    static func reference(_ text: String) -> String {
        String(text.uppercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    @Test("Normalised as the Unicode rule does, ASCII or not")
    func normalise() {
        var random = SplitMix64(seed: 16)
        var texts = ["RA 864-8080", "ra8648080", "", " - ", "p000000123", "Ab\tc\n9_z", "Ølund 12", "ＡＢＣ１２", "é9x", "ß-7"]
        for _ in 0..<2_000 {
            texts.append(String(decoding: (0..<Int(random.next() % 14)).map { _ in UInt8(0x09 + random.next() % 0x76) }, as: UTF8.self))
        }
        for text in texts { #expect(Pseudonymiser.normalise(documentNumber: text) == Self.reference(text), "\(text.debugDescription)") }
    }

    @Test("The pseudonym: the HMAC's first 16 bytes in lower-case hexadecimal")
    func pseudonym() throws {
        let key = Data((0..<32).map { UInt8($0 * 7 % 256) })
        let pseudonymiser = try Pseudonymiser(key: key)
        for (document, nationality) in [("RA 864-8080", "LSO"), ("p000000123", "zaf"), ("Ølund 12", "GBR")] {
            let message = Self.reference(document) + "|" + nationality.uppercased()
            let mac = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: key))
            let expected = mac.prefix(16).map { String(format: "%02x", $0) }.joined()
            #expect(pseudonymiser.pseudonym(documentNumber: document, nationality: nationality) == expected)
            #expect(pseudonymiser.pseudonym(normalisedDocument: Pseudonymiser.normalise(documentNumber: document), nationality: nationality) == expected)
        }
    }
}
