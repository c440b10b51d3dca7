@testable import IMDMSCore
import IMDMSTestSupport
import Testing

@Suite("Matching keys")
struct CodeMatcherKeyTests {
    @Test("ASCII text folded byte by byte gives Foundation's key: every code, name and alias of Lesotho's codelists, and punctuation")
    func asciiFastPath() throws {
        var texts = Fixtures.lesotho.codelists.flatMap { list in list.codes.flatMap { [$0.id, $0.name] + $0.aliases } }
        texts += ["S.A.", "  Maseru   bridge ", "_T", "Y_GE65", "65+", "<15", "Tab\there", "New\r\nline", "A-Z a-z 0-9 !\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~", "\u{7F}\u{01}", ""]
        texts += (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        var checked = 0
        for text in texts where text.utf8.allSatisfy({ $0 < 0x80 }) {
            #expect(CodeMatcher.normalise(text) == CodeMatcher.folded(text), "\(text.debugDescription)")
            checked += 1
        }
        #expect(checked > 1_000)
        // Other text still goes through Foundation.
        #expect(CodeMatcher.normalise("Côte d’Ivoire") == "cotedivoire" && CodeMatcher.normalise("ＡＢＣ") == "abc")
    }
}
