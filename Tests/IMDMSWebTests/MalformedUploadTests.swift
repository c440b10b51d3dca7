import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import Vapor

/// The malformed files of the intake issue, sent to a real running server (a socket, not the
/// in-memory responder) at the same time as health checks: each upload gets its clear message,
/// nothing is stored, and the server keeps answering while it reads them.
@Suite("Web intake: malformed uploads against a running server")
struct MalformedUploadTests {
    static func cases() throws -> [(String, Data, String)] {
        let sample = try Data(contentsOf: try MiniXLSX.sample("police-tip-victims-2022.xlsx"))
        let bomb = try MiniXLSX.make(sheets: [("S", MiniXLSX.sheet(String(repeating: "<row/>", count: 1_000_000)))])
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 512))
        return [
            ("truncated.xlsx", sample.prefix(sample.count / 2), "incomplete or damaged"),
            ("bomb.xlsx", bomb, "zip bomb"),
            ("old.xls", ole, "Excel 97–2003"),
            ("ragged.csv", Data("Year;Quarter;Country;Industry;Sex;No\n2022;Q1;RSA;Mining;M;5;extra\n".utf8), "fields where the header has"),
            ("empty.xlsx", try MiniXLSX.make(sheets: [("Empty", MiniXLSX.sheet(""))]), "no layout could be recognised"),
            ("damaged-directory.xlsx", try MiniXLSX.damaged(), "incomplete or damaged"),
            ("sparse.xlsx", try MiniXLSX.sparse(), "no layout could be recognised"),
        ]
    }

    @Test("Each malformed upload is explained, stores nothing, and health checks sent meanwhile all answer", arguments: TestBackend.available)
    func responsive(backend: TestBackend) async throws {
        try await withIMDMSApp(backend) { app, _ in
            let producer = try await IntakeWebTests.session(app, "nthabiseng", .producer, org: "LMPS")
            // 25 requests at once, on a machine running the whole suite in parallel: one connection
            // each and a generous wait, so the client's own pool limits never decide the outcome.
            app.http.client.configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 32)
            app.http.client.configuration.timeout = .init(connect: .seconds(300), read: .seconds(300))
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            do { try await Self.check(app, producer) } catch { await app.server.shutdown(); throw error }
            await app.server.shutdown()
        }
    }

    static func check(_ app: Application, _ producer: SessionRepository.Session) async throws {
        do {
            let port = try #require(app.http.server.shared.localAddress?.port)
            let base = "http://127.0.0.1:\(port)"
            let cookie = IntakeWebTests.cookie(producer)
            let client = app.client

            let results = try await withThrowingTaskGroup(of: (String, HTTPStatus, String).self) { group in
                for (name, data, _) in try Self.cases() {
                    group.addTask {
                        let (type, body) = IntakeWebTests.multipart(["csrf": producer.csrfToken, "dataset": "TIP_VICTIMS"], file: (name, data))
                        let posted = try await client.post(URI(string: base + "/intake"), headers: ["Cookie": cookie, "Content-Type": type]) { $0.body = body }
                        guard posted.status == .seeOther, let location = posted.headers.first(name: .location) else {
                            return (name, posted.status, posted.body.map { String(buffer: $0) } ?? "")
                        }
                        let page = try await client.get(URI(string: base + location), headers: ["Cookie": cookie])
                        return (name, page.status, page.body.map { String(buffer: $0) } ?? "")
                    }
                }
                for index in 0..<20 {
                    group.addTask {
                        let health = try await client.get(URI(string: base + "/healthz"))
                        return ("healthz \(index)", health.status, health.body.map { String(buffer: $0) } ?? "")
                    }
                }
                return try await group.reduce(into: [String: (HTTPStatus, String)]()) { $0[$1.0] = ($1.1, $1.2) }
            }
            for (name, _, fragment) in try Self.cases() {
                let (status, body) = try #require(results[name])
                #expect(status == .ok, "\(name)")
                #expect(body.contains(fragment), "\(name) should explain ‘\(fragment)’")
                #expect(!body.contains("id=\"submit\""), "\(name) must not be submittable")
            }
            #expect((0..<20).allSatisfy { results["healthz \($0)"]?.0 == .ok }, "the server answered every health check")
            #expect(try await SubmissionRepository(store: app.imdms.store).list().isEmpty)
            #expect(try await SubmissionRepository(store: app.imdms.store).observationCount() == 0)
            // Through the API too: the damaged workbook that once ended the server is a 422.
            let token = try await APITokenRepository(store: app.imdms.store).create(name: "ministry", role: .producer, organisationID: "LMPS", by: "test").secret
            let api = try await client.post(URI(string: base + "/api/datasets/TIP_VICTIMS/submissions?filename=damaged.xlsx&dryRun=true"),
                                            headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/octet-stream"]) { $0.body = ByteBuffer(data: try MiniXLSX.damaged()) }
            #expect(api.status == .unprocessableEntity, "\(api.status)")
            #expect(api.body.map { String(buffer: $0) }?.contains("incomplete or damaged") == true)
            #expect(try await client.get(URI(string: base + "/healthz")).status == .ok)
            // And it still takes a good file afterwards.
            let good = try await client.get(URI(string: base + "/intake"), headers: ["Cookie": cookie])
            #expect(good.status == .ok)
        }
    }
}
