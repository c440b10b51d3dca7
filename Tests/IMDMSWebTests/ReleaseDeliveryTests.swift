import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
@testable import IMDMSWeb
import Testing
import VaporTesting

/// A local server run by Python — an SMTP server (aiosmtpd) or an HTTP server taking webhook
/// POSTs — that writes each message it receives to a folder.
final class LocalSink: @unchecked Sendable {
    enum SinkError: Error { case stopped }

    static let smtp = """
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

    /// Answers each POST with the status in the folder's `status` file (200 without one) and keeps
    /// the headers and body of each as JSON.
    static let webhook = """
        import json, os, sys, threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        folder = sys.argv[1]
        class Hook(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                status_file = os.path.join(folder, "status")
                status = int(open(status_file).read()) if os.path.exists(status_file) else 200
                name = os.path.join(folder, "%d.json" % len([n for n in os.listdir(folder) if n.endswith(".json")]))
                with open(name, "w") as f:
                    json.dump({"path": self.path, "status": status, "headers": dict(self.headers), "body": body.decode()}, f)
                self.send_response(status); self.send_header("Content-Length", "0"); self.end_headers()
            def log_message(self, *args): pass
        server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(server.server_address[1], flush=True)
        sys.stdin.read()
        server.shutdown()
        """

    let script: String
    init(_ script: String) { self.script = script }

    let folder = NSTemporaryDirectory() + "imdms-sink-\(UUID().uuidString)"
    let process = Process()
    let input = Pipe(), output = Pipe()
    private(set) var port = 0

    /// Starts the server and waits for the line with its port (not a timed wait).
    func start() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder]
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
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0 != "status" }
            .sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }
        return names.compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }
}

@Suite("Scheduled releases: the bulletin, the feed and the e-mail when a release time passes")
struct ReleaseDeliveryTests {
    static let manager = User(username: "palesa", displayName: "Palesa", role: .dataManager, organisationID: "BOS")

    @Test("Before the release time nothing; after it the bulletin is made and kept, the feed has the entry, the subscriber gets one e-mail",
          arguments: TestBackend.available)
    func release(backend: TestBackend) async throws {
        guard Python.available(["aiosmtpd"]) else { return }
        let sink = LocalSink(LocalSink.smtp)
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

            let sink = LocalSink(LocalSink.smtp)
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

    @Test("A webhook subscriber gets the release as signed JSON; a refusal stays owed with the reason and is sent later")
    func webhook() async throws {
        let sink = LocalSink(LocalSink.webhook)
        try sink.start()
        defer { sink.stop() }
        try "500".write(toFile: sink.folder + "/status", atomically: true, encoding: .utf8)
        var settings = AppSettings()
        settings.webhookSecret = "a shared secret of the newsroom"
        settings.publicURL = "https://stats.example"
        try await withIMDMSApp(.sqlite, demoYears: 2024...2025, settings: settings) { app, _ in
            let store = app.imdms.store
            let hook = "http://127.0.0.1:\(sink.port)/hooks/imdms"
            try await ReleaseRepository(store: store).subscribe(hook, by: "test")
            for wrong in ["ftp://files.example/x", "not an address", "https://"] {
                await #expect(throws: StorageError.self, "\(wrong)") { try await ReleaseRepository(store: store).subscribe(wrong, by: "test") }
            }
            let delivery = ReleaseDelivery(context: app.imdms, logger: app.logger, client: app.client)
            let now = Date()
            let refused = try await delivery.run(now: now)
            #expect(refused.releases == 1 && refused.sent == 0 && refused.failed == 1, "\(refused)")
            let release = try #require(try await ReleaseRepository(store: store).list().first)
            let owed = try await ReleaseRepository(store: store).deliveryState(release.id).owed
            #expect(owed.count == 1 && owed[0].error == "the webhook answered HTTP 500", "\(owed)")

            try FileManager.default.removeItem(atPath: sink.folder + "/status")
            #expect(try await delivery.run(now: now.addingTimeInterval(301)).sent == 1)
            #expect(try await delivery.run(now: now.addingTimeInterval(900)) == .init(), "sent once")
            #expect(sink.messages.count == 2, "one refused call, one delivered")
            let delivered = try #require(sink.messages.last)
            // Checked by Python's own hmac and json, not by the code that signed it.
            let check = try Python.run("""
                import hmac, hashlib, json, sys
                call = json.loads(sys.argv[1]); body = json.loads(call["body"])
                headers = {k.lower(): v for k, v in call["headers"].items()}
                expected = "sha256=" + hmac.new(sys.argv[2].encode(), call["body"].encode(), hashlib.sha256).hexdigest()
                print(call["path"], headers.get("content-type"), headers.get("x-imdms-signature") == expected,
                      body["event"], body["id"], body["title"], any(r["report"] == "quarterly-bulletin" and r["url"].startswith("https://stats.example/releases/") for r in body["reports"]))
                """, arguments: [delivered, "a shared secret of the newsroom"])
            #expect(check.trimmingCharacters(in: .whitespacesAndNewlines)
                    == "/hooks/imdms application/json; charset=utf-8 True release \(release.id.uuidString) \(release.title) True", "\(check)")
        }
    }
}
