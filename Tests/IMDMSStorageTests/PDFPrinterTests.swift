import Foundation
import IMDMSStorage
import Testing

@Suite("PDF printing: at most two browsers at once")
struct PDFPrinterTests {
    /// A stand-in browser that notes how many copies of itself run, then writes a PDF.
    static func fakeBrowser(folder: URL) throws -> String {
        let script = folder.appendingPathComponent("chromium.sh")
        try """
            #!/bin/sh
            dir="\(folder.path)/running"; mkdir -p "$dir"; touch "$dir/$$"
            ls "$dir" | wc -l >> "\(folder.path)/seen"
            sleep 0.3
            for a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1.4 fake' > "${a#--print-to-pdf=}";; esac; done
            rm "$dir/$$"
            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script.path
    }

    @Test("Eight reports asked at once: every one printed, never more than two browsers running")
    func bounded() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imdms-pdf-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let browser = try Self.fakeBrowser(folder: folder)
        let results = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await withCheckedThrowingContinuation { continuation in
                        DispatchQueue.global().async { continuation.resume(with: Result { try PDFPrinter.pdf(html: "<p>x</p>", browser: browser) }) }
                    }
                }
            }
            return try await group.reduce(into: [Data]()) { $0.append($1) }
        }
        #expect(results.count == 8 && results.allSatisfy { $0.starts(with: Array("%PDF".utf8)) })
        let seen = try String(contentsOf: folder.appendingPathComponent("seen"), encoding: .utf8)
            .split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        #expect(seen.count == 8)
        #expect(seen.max() ?? 0 <= PDFPrinter.maxConcurrent, "browsers running at once: \(seen)")
    }
}
