import Foundation
import IMDMSWeb
import Testing

/// Settings are read once, at start, into `AppSettings`; every problem is named.
@Suite("Settings read once at start")
struct AppSettingsTests {
    @Test("IMDMS_CHROMIUM names the PDF printer when it can be run, and is a named problem when it cannot")
    func chromium() throws {
        let program = FileManager.default.temporaryDirectory.appendingPathComponent("imdms-chromium-\(UUID().uuidString)").path
        try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: program))
        defer { try? FileManager.default.removeItem(atPath: program) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program)
        #expect(try AppSettings.load(environment: ["IMDMS_CHROMIUM": program, "PATH": "/nonexistent"]).chromium == program)
        #expect(try AppSettings.load(environment: ["PATH": "/nonexistent"]).chromium == nil, "none found: PDF says what to install")
        #expect(throws: SettingsError.self) { try AppSettings.load(environment: ["IMDMS_CHROMIUM": "/nonexistent/chromium"]) }
        #expect(try AppSettings.load(environment: ["IMDMS_SDMX_PARTS": "3"]).sdmxParts == 3)
        #expect(throws: SettingsError.self) { try AppSettings.load(environment: ["IMDMS_SDMX_PARTS": "0"]) }
    }
}
