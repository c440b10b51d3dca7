import Foundation

/// Prints an HTML page to PDF with headless Chromium, the same engine the browser tests use.
/// Without Chromium it says what to install instead of failing obscurely.
public enum PDFPrinter {
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The browser to print with: `IMDMS_CHROMIUM` if set, else the first of the usual names on PATH.
    public static func browser(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let given = environment["IMDMS_CHROMIUM"], FileManager.default.isExecutableFile(atPath: given) { return given }
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in candidates {
            for folder in path where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") { return "\(folder)/\(name)" }
        }
        return nil
    }

    public static func pdf(html: String) throws -> Data {
        guard let browser = browser() else {
            throw Unavailable(description: "PDF output needs headless Chromium, which is not installed here: install it (Debian: apt-get install chromium) "
                + "or set IMDMS_CHROMIUM to its path. The web page, XLSX and CSV formats work without it.")
        }
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
