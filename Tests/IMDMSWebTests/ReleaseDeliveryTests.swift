import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
@testable import IMDMSWeb
import Testing
import VaporTesting

/// A local SMTP server (Python's aiosmtpd) that writes each message it receives to a folder.
final class SMTPSink: @unchecked Sendable {
    enum SinkError: Error { case stopped }

    static let script = """
        import os, socket, sys
        from aiosmtpd.controller import Controller
        folder = sys.argv[1]
        class Sink:
            async def handle_DATA(self, server, session, envelope):
                name = os.path.join(folder, "%d.eml" % len(os.listdir(folder)))
                with open(name, "wb") as f:
                    f.write(("X-Envelope-To: " + ",".join(envelope.rcpt_tos) + "\\r\\n").encode() + envelope.original_content)
                return "250 OK"
        s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
        controller = Controller(Sink(), hostname="127.0.0.1", port=port)
        controller.start()
        print(port, flush=True)
        sys.stdin.read()
        controller.stop()
        """

    let folder = NSTemporaryDirectory() + "imdms-smtp-\(UUID().uuidString)"
    let process = Process()
    let input = Pipe(), output = Pipe()
    private(set) var port = 0

    /// Starts the server and waits for the line with its port (not a timed wait).
    func start() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, folder]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw SinkError.stopped }
            line += chunk
        }
        port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: folder)
    }

    var messages: [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        return names.compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }
}

@Suite("Scheduled releases: the bulletin, the feed and the e-mail when a release time passes")
struct ReleaseDeliveryTests {
    static let manager = User(username: "palesa", displayName: "Palesa", role: .dataManager, organisationID: "BOS")

    @Test("Before the release time nothing; after it the bulletin is made and kept, the feed has the entry, the subscriber gets one e-mail",
          arguments: TestBackend.available)
    func release(backend: TestBackend) async throws {
        guard Python.available(["aiosmtpd"]) else {
            print("note: skipped — python3 with aiosmtpd is not installed (.ci/tools.sh installs it)")
            return
        }
        let sink = SMTPSink()
        try sink.start()
        defer { sink.stop() }
        var settings = AppSettings()
        settings.smtpHost = "127.0.0.1"
        settings.smtpPort = sink.port
        settings.mailFrom = "releases@bos.example"
        settings.publicURL = "https://stats.example"
        try await withIMDMSApp(backend, settings: settings) { app, reference in
            let store = app.imdms.store
            try await ReleaseRepository(store: store).subscribe("desk@newsroom.example", by: "test")
            let submission = try await HomeAffairsSample.store(IntakeService(store: store, reference: reference))
            let releaseTime = Date().addingTimeInterval(3_600)
            let workflow = WorkflowRepository(store: store)
            try await workflow.perform(.approve, on: submission.id, by: Self.manager)
            try await workflow.perform(.publish, on: submission.id, by: Self.manager, releaseAt: releaseTime)
            let delivery = ReleaseDelivery(context: app.imdms, logger: app.logger)

            // A minute before the release time: nothing is released, nothing sent.
            #expect(try await delivery.run(now: releaseTime.addingTimeInterval(-60)) == .init())
            #expect(sink.messages.isEmpty)
            try await app.testing().test(.GET, "/releases") { #expect($0.body.string.contains("id=\"no-releases\"")) }

            // Just after it: one release, its reports made and kept, one e-mail.
            let done = try await delivery.run(now: releaseTime.addingTimeInterval(1))
            #expect(done.releases == 1 && done.documents >= 1 && done.sent == 1 && done.failed == 0, "\(done)")
            let release = try #require(try await ReleaseRepository(store: store).list().first)
            #expect(release.title == "New data: Border crossings" && release.summary.contains("2022-11 to 2022-12"), "\(release.summary)")
            #expect(release.documents.contains { $0.reportID == "quarterly-bulletin" && $0.period == "2022-Q4" }, "\(release.documents)")

            let mail = try #require(sink.messages.first)
            #expect(sink.messages.count == 1)
            #expect(mail.contains("X-Envelope-To: desk@newsroom.example") && mail.contains("Subject: IMDMS Lesotho: New data: Border crossings"), "\(mail.prefix(600))")
            #expect(mail.contains("https://stats.example/releases/\(release.id.uuidString)/quarterly-bulletin"), "\(mail)")

            try await app.testing().test(.GET, "/releases.atom") { response in
                #expect(response.headers.contentType?.subType == "atom+xml")
                let feed = response.body.string
                #expect(feed.contains("<title>New data: Border crossings</title>") && feed.contains("/releases/\(release.id.uuidString)/quarterly-bulletin"))
                let entries = try Python.run("import sys, xml.etree.ElementTree as E; print(len(E.fromstring(sys.argv[1]).findall('{http://www.w3.org/2005/Atom}entry')))", arguments: [feed])
                #expect(entries.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "a well-formed Atom feed with one entry")
            }
            try await app.testing().test(.GET, "/releases") { response in
                #expect(response.body.string.contains("href=\"/releases/\(release.id.uuidString)/quarterly-bulletin\""))
            }
            try await app.testing().test(.GET, "/releases/\(release.id.uuidString)/quarterly-bulletin") { response in
                #expect(response.status == .ok && response.body.string.contains("Quarterly migration statistics bulletin")
                        && response.body.string.contains("1,637,084 arrivals"), "the bulletin as released, with the new figures")
            }

            // Later rounds release and send nothing again.
            #expect(try await delivery.run(now: releaseTime.addingTimeInterval(120)) == .init())
            #expect(sink.messages.count == 1)
        }
    }

    @Test("A mail server that does not answer: the e-mail stays owed with the reason, and is sent at a later round")
    func retry() async throws {
        guard Python.available(["aiosmtpd"]) else { return }
        var settings = AppSettings()
        settings.smtpHost = "127.0.0.1"
        settings.smtpPort = 9  // nothing listens on the discard port here
        try await withIMDMSApp(.sqlite, demoYears: 2024...2025, settings: settings) { app, _ in
            let store = app.imdms.store
            try await ReleaseRepository(store: store).subscribe("desk@newsroom.example", by: "test")
            let now = Date()
            let failed = try await ReleaseDelivery(context: app.imdms, logger: app.logger).run(now: now)
            #expect(failed.releases == 1 && failed.sent == 0 && failed.failed == 1, "\(failed)")
            let release = try #require(try await ReleaseRepository(store: store).list().first)
            let owed = try await ReleaseRepository(store: store).deliveryState(release.id).owed
            #expect(owed.count == 1 && owed[0].error?.contains("does not accept connections") == true, "\(owed)")

            let sink = SMTPSink()
            try sink.start()
            defer { sink.stop() }
            var working = app.imdms.settings
            working.smtpPort = sink.port
            let context = try AppContext(store: store, reference: app.imdms.reference, settings: working)
            let delivery = ReleaseDelivery(context: context, logger: app.logger)
            #expect(try await delivery.run(now: now.addingTimeInterval(60)).sent == 0, "not before the next attempt is due")
            #expect(try await delivery.run(now: now.addingTimeInterval(301)).sent == 1)
            let state = try await ReleaseRepository(store: store).deliveryState(release.id)
            #expect(sink.messages.count == 1 && state.sent == 1 && state.owed.isEmpty)
        }
    }
}
