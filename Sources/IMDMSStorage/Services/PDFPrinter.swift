import Foundation

/// Prints an HTML page to PDF with headless Chromium, the same engine the browser tests use, at
/// most `maxConcurrent` at a time. Without Chromium it says what to install instead of failing
/// obscurely.
public enum PDFPrinter {
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// At most this many browsers print at once (each takes a few hundred MB and a core); a request
    /// that waits longer than `slotWait` for one is told to come back (503), not queued forever.
    public static let maxConcurrent = 2
    static let slots = DispatchSemaphore(value: maxConcurrent)
    static let slotWait: DispatchTimeInterval = .seconds(30)

    /// The browser to print with: `IMDMS_CHROMIUM` if set, else the first of the usual names on
    /// PATH. Read once at start into the settings (`AppSettings.chromium`), which callers pass on.
    public static func browser(environment: [String: String]) -> String? {
        if let given = environment["IMDMS_CHROMIUM"], FileManager.default.isExecutableFile(atPath: given) { return given }
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in candidates {
            for folder in path where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") { return "\(folder)/\(name)" }
        }
        return nil
    }

    /// `browser`: the program to print with (nil: none was found at start).
    public static func pdf(html: String, browser: String?) throws -> Data {
        guard let browser else {
            throw Unavailable(description: "PDF output needs headless Chromium, which is not installed here: install it (Debian: apt-get install chromium) "
                + "or set IMDMS_CHROMIUM to its path. The web page, XLSX and CSV formats work without it.")
        }
        guard slots.wait(timeout: .now() + slotWait) == .success else {
            throw Unavailable(description: "Every PDF printer is busy; try again in a minute (the web page, XLSX and CSV are ready now).")
        }
        defer { slots.signal() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imdms-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html"), output = folder.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                             "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--print-to-pdf=\(output.path)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        guard let data = try? Data(contentsOf: output), data.starts(with: Array("%PDF".utf8)) else {
            throw Unavailable(description: "Chromium (\(browser)) did not produce a PDF (exit \(process.terminationStatus)).")
        }
        return data
    }
}
