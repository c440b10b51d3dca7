import Foundation
import IMDMSCore
import IMDMSStorage

/// PDFs already printed, kept by the SHA-256 of the HTML they were printed from: the same report of
/// the same data for the same reader is the same HTML, so it is printed once (seconds in Chromium)
/// and a new data version or another reader's view is new HTML, printed anew. A reader only ever
/// gets the PDF of HTML they were shown. Bounded: the 32 most recent PDFs. Requests for a PDF being
/// printed wait for it (one printing per HTML).
public actor PrintedReports {
    static let capacity = 32

    private var kept: [String: Task<Data, any Error>] = [:]
    private var order: [String] = []
    /// How many PDFs were printed (for the test that asks whether the second request printed again).
    public private(set) var printed = 0
    /// The browser to print with (`AppSettings.chromium`).
    let browser: String?

    public init(browser: String?) { self.browser = browser }

    public func pdf(html: String) async throws -> Data {
        let key = SourceFile.sha256(of: Data(html.utf8))
        if let task = kept[key] {
            order.removeAll { $0 == key }
            order.append(key)
            return try await task.value
        }
        printed += 1
        let browser = self.browser
        let task = Task<Data, any Error> {
            // Printing waits seconds on a child process: on a Dispatch thread, not on one of the
            // few threads Swift concurrency (and so every other request) runs on.
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try PDFPrinter.pdf(html: html, browser: browser) }) }
            }
        }
        kept[key] = task
        order.append(key)
        while order.count > Self.capacity { kept[order.removeFirst()] = nil }
        do {
            return try await task.value
        } catch {
            kept[key] = nil  // a failure (no browser, a timeout) is not kept
            order.removeAll { $0 == key }
            throw error
        }
    }
}
