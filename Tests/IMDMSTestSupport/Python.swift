import Foundation
import Testing

/// Runs real Python readers (openpyxl, SDMX clients) on what IMDMS writes. Locally a missing
/// module skips the check with a note; in CI (`CI=true`) it is a failure, so the check always runs there.
public enum Python {
    /// Whether `python3` can import every module; records an issue in CI when it cannot.
    public static func available(_ modules: [String], file: String = #fileID, line: Int = #line) -> Bool {
        let ok = (try? run("import " + modules.joined(separator: ", "), arguments: [])) != nil
        guard !ok else { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("python3 with \(modules.joined(separator: ", ")) is required in CI (.ci/run installs it)")
        }
        Skips.note("python3 with \(modules.joined(separator: ", ")) is not installed (.ci/tools.sh installs it)", file: file, line: line)
        return false
    }

    /// Runs `script` with `arguments` (as `sys.argv[1...]`); returns standard output, throws with
    /// standard error on a non-zero exit. Output goes to files, so a chatty reader never blocks on
    /// a full pipe.
    @discardableResult
    public static func run(_ script: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let outPath = NSTemporaryDirectory() + "imdms-py-\(UUID().uuidString).out"
        let errPath = outPath + ".err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outPath); try? FileManager.default.removeItem(atPath: errPath) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        process.waitUntilExit()
        let output = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
        let error = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
        guard process.terminationStatus == 0 else {
            throw PythonError(message: String(decoding: error, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `run` on a Dispatch thread: for scripts that call a server running in the same process,
    /// whose handlers need the Swift concurrency threads this would otherwise block.
    public static func runDetached(_ script: String, arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try run(script, arguments: arguments) }) }
        }
    }

    /// Writes `data` to a temporary file and returns its path. The file, and any a script names
    /// after it (a PDF's page images), is removed when the test process ends: they hold made-up
    /// names and document numbers, and each run left about forty in the temporary folder.
    public static func temporaryFile(_ data: Data, suffix: String) throws -> String {
        let stem = "imdms-\(UUID().uuidString)"
        let path = NSTemporaryDirectory() + stem + suffix
        // Private, like every key file IMDMS accepts.
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw PythonError(message: "cannot write \(path)")
        }
        TemporaryFiles.keep(stem)
        return path
    }
}

/// The stems of `Python.temporaryFile`'s files, removed with every file that starts with one when
/// the process exits.
private enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var stems: Set<String> = []
    nonisolated(unsafe) private static var registered = false

    static func keep(_ stem: String) {
        lock.withLock {
            if !registered {
                registered = true
                atexit { TemporaryFiles.removeAll() }
            }
            stems.insert(stem)
        }
    }

    private static func removeAll() {
        let stems = lock.withLock { Self.stems }
        guard let length = stems.first?.count else { return }
        let folder = NSTemporaryDirectory()
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where stems.contains(String(entry.prefix(length))) {
            try? FileManager.default.removeItem(atPath: folder + entry)
        }
    }
}

public struct PythonError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { "python3 failed: \(message)" }
}
