import Foundation
import IMDMSCore
import IMDMSTestSupport
import Testing

@Suite("gzip for kept public pages")
struct GzipTests {
    static let gunzip = """
        import gzip, sys
        sys.stdout.write(gzip.decompress(open(sys.argv[1], "rb").read()).decode("utf-8"))
        """

    @Test("Python's gzip reads back what Gzip.compress wrote: empty, small and large text", .enabled(if: Python.available(["gzip"])))
    func roundTrip() throws {
        let page = String(repeating: "<tr><td>Maseru Bridge</td><td class=\"num\">1,234</td></tr>\n", count: 5_000) + "é ✓"
        for text in ["", "x", page] {
            let zipped = try Gzip.compress(Data(text.utf8))
            let path = try Python.temporaryFile(zipped, suffix: ".gz")
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(try Python.run(Self.gunzip, arguments: [path]) == text)
            if text == page { #expect(zipped.count * 10 < page.utf8.count, "\(zipped.count) bytes for \(page.utf8.count)") }
        }
    }
}
