import Foundation
import Testing

/// Runs real Python readers (openpyxl, SDMX clients) on what IMDMS writes. Locally a missing
/// module skips the check with a note; in CI (`CI=true`) it is a failure, so the check always runs there.
public enum Python {
    /// Whether `python3` can import every module; records an issue in CI when it cannot.
    public static func available(_ modules: [String]) -> Bool {
        let ok = (try? run("import " + modules.joined(separator: ", "), arguments: [])) != nil
        if !ok && ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("python3 with \(modules.joined(separator: ", ")) is required in CI (.ci/run installs it)")
        }
        return ok
    }

    /// Runs `script` with `arguments` (as `sys.argv[1...]`); returns standard output, throws with
    /// standard error on a non-zero exit.
    @discardableResult
    public static func run(_ script: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonError(message: String(decoding: error, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Writes `data` to a temporary file and returns its path.
    public static func temporaryFile(_ data: Data, suffix: String) throws -> String {
        let path = NSTemporaryDirectory() + "imdms-\(UUID().uuidString)\(suffix)"
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }
}

public struct PythonError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { "python3 failed: \(message)" }
}
