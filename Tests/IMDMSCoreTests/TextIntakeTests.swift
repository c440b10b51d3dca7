import Foundation
import IMDMSCore
import IMDMSTestSupport
import Testing

@Suite("Text intake: encodings, numbers, suggestions")
struct TextIntakeTests {
    @Test("Detects UTF-8 (with and without BOM), UTF-16 and Windows-1252")
    func encodings() throws {
        #expect(TextDecoder.decode(Array("Côte d'Ivoire".utf8)) == ("Côte d'Ivoire", .utf8))
        #expect(TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("Year".utf8)) == ("Year", .utf8BOM))
        #expect(TextDecoder.decode([0xFF, 0xFE, 0x41, 0x00, 0xF4, 0x00]) == ("Aô", .utf16LE))
        #expect(TextDecoder.decode([0x43, 0xF4, 0x74, 0x65, 0x20, 0x80, 0x93]) == ("Côte €“", .windows1252))
    }

    @Test("The Labour CSV sample is Windows-1252 and its aliases land on the right codes")
    func labourSample() throws {
        let url = try MiniXLSX.sample("mole-labour-migrants-2022.csv")
        let (text, encoding) = TextDecoder.decode([UInt8](try Data(contentsOf: url)))
        #expect(encoding == .windows1252)
        #expect(text.contains("Côte d'Ivoire"))
        let area = try #require(try ReferenceConfiguration.lesotho().codelistsByID["CL_AREA"])
        let matcher = CodeMatcher(codelist: area)
        #expect(["RSA", "S.A.", "South Africa", "Côte d'Ivoire"].map(matcher.match) == ["ZAF", "ZAF", "ZAF", "CIV"])
    }

    @Test("Numbers as ministries type them", arguments: [
        ("1204", 1204.0), ("1,234", 1234), ("7,974", 7974), ("1 234", 1234), ("1\u{00A0}234", 1234), ("1\u{202F}234 567", 1_234_567),
        ("1234.0", 1234), ("12,5", 12.5), ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("1.234.567", 1_234_567), ("(12)", -12),
        ("-3", -3), (" 80 ", 80), ("2e3", 2000),
    ])
    func numbers(text: String, expected: Double) throws {
        #expect(try AdminNumberParser.parse(text).get() == expected)
    }

    @Test("Refuses what is not a number", arguments: ["n/a", "-", "x", "1,23,4", "12a", "..", "1.2.3", "TOTAL"])
    func notNumbers(text: String) {
        #expect(throws: AdminNumberParser.Failure.notANumber) { try AdminNumberParser.parse(text).get() }
        #expect(throws: AdminNumberParser.Failure.empty) { try AdminNumberParser.parse("  ").get() }
    }

    @Test("Suggests the code a misspelt or decorated name meant")
    func suggestions() throws {
        let reference = try ReferenceConfiguration.lesotho()
        let posts = CodeSuggester(codelist: try #require(reference.codelistsByID["CL_BORDER_POST"]))
        #expect(posts.suggestions(for: "Maseru Brige").first?.code == "MSB")
        #expect(posts.suggestions(for: "Van Royen Gate").first?.code == "VRG")
        #expect(posts.suggestions(for: "Zzyzx").isEmpty)
        let sites = CodeSuggester(codelist: try #require(reference.codelistsByID["CL_HEALTH_SITE"]))
        #expect(sites.suggestions(for: "Ha Nyenye clinic").isEmpty, "an unknown clinic gets no confident suggestion")
        #expect(CodeMatcher(codelist: try #require(reference.codelistsByID["CL_HEALTH_SITE"])).match("Maputsoe Filter Clinic") == "MPT")
        let area = CodeSuggester(codelist: try #require(reference.codelistsByID["CL_AREA"]))
        #expect(area.suggestions(for: "South Afica").first?.code == "ZAF")
        #expect(area.suggestions(for: "Zimbabw").first?.code == "ZWE")
    }
}
