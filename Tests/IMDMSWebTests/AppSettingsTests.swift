import Foundation
import IMDMSTestSupport
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

    @Test("Release times are in the country's time zone: IMDMS_TIMEZONE, else the configuration's timeZone; a folder naming none, or a zone that does not exist, is refused")
    func timeZone() throws {
        #expect(try AppSettings.load(environment: [:]).timeZoneID == "Africa/Maseru", "Lesotho's, shipped")
        let southAfrica = try Fixtures.southAfricaFolder.path
        #expect(try AppSettings.load(environment: ["IMDMS_CONFIG": southAfrica]).timeZoneID == "Africa/Johannesburg")
        #expect(try AppSettings.load(environment: ["IMDMS_CONFIG": southAfrica, "IMDMS_TIMEZONE": "Africa/Nairobi"]).timeZoneID == "Africa/Nairobi")
        let files = FileManager.default
        let folder = files.temporaryDirectory.appendingPathComponent("imdms-zone-\(UUID().uuidString)")
        defer { try? files.removeItem(at: folder) }
        try files.copyItem(at: URL(fileURLWithPath: southAfrica), to: folder)
        let country = folder.appendingPathComponent("country.json")
        try Data(#"{"agency": "ZA_STATSSA", "country": "South Africa", "home": "ZAF"}"#.utf8).write(to: country)
        let none = try #require(throws: SettingsError.self) { try AppSettings.load(environment: ["IMDMS_CONFIG": folder.path]) }
        #expect(none.problems.contains { $0.contains("country.json names no timeZone") })
        #expect(try AppSettings.load(environment: ["IMDMS_CONFIG": folder.path, "IMDMS_TIMEZONE": "Africa/Johannesburg"]).timeZoneID == "Africa/Johannesburg")
        try Data(#"{"agency": "ZA_STATSSA", "country": "South Africa", "home": "ZAF", "timeZone": "Africa/Pretoria"}"#.utf8).write(to: country)
        let wrong = try #require(throws: SettingsError.self) { try AppSettings.load(environment: ["IMDMS_CONFIG": folder.path]) }
        #expect(wrong.problems.contains { $0.contains("timeZone 'Africa/Pretoria' is not a time zone") })
    }
}
