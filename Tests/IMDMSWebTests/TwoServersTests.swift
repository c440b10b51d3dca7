import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import Vapor

/// Two `imdms serve` processes behind a load balancer share one PostgreSQL: sessions, the data
/// version that invalidates caches, files — all in the database. Two applications with their own
/// connection pools and caches, on real sockets, stand in for the two machines.
@Suite("Two servers on one PostgreSQL")
struct TwoServersTests {
    @Test("A session made on one works on the other; data published on one is public on the other at once",
          .enabled(if: TestBackend.postgresURL != nil, "needs IMDMS_TEST_POSTGRES_URL"))
    func twoServers() async throws {
        try await withIMDMSApp(.postgres) { first, reference in
            let store = first.imdms.store
            let second = try await Application.make(.testing)
            let secondStore = try await Store.open(store.location, migrate: false, logger: TestBackend.quietLogger)
            do {
                try configure(second, context: try AppContext(store: secondStore, reference: reference, settings: AppSettings()))
                first.http.client.configuration.redirectConfiguration = .disallow
                for app in [first, second] { try await app.server.start(address: .hostname("127.0.0.1", port: 0)) }
                do { try await Self.check(first, second, reference) } catch {
                    for app in [first, second] { await app.server.shutdown() }
                    throw error
                }
                for app in [first, second] { await app.server.shutdown() }
            } catch {
                try? await second.asyncShutdown()
                await secondStore.close()
                throw error
            }
            try await second.asyncShutdown()
            await secondStore.close()
        }
    }

    static func check(_ first: Application, _ second: Application, _ reference: ReferenceConfiguration) async throws {
        let a = "http://127.0.0.1:\(try #require(first.http.server.shared.localAddress?.port))"
        let b = "http://127.0.0.1:\(try #require(second.http.server.shared.localAddress?.port))"
        let client = first.client
        let store = first.imdms.store
        try await UserRepository(store: store).create(User(username: "palesa", displayName: "Palesa M.", role: .dataManager, organisationID: "BOS"),
                                                      passwordHash: try PasswordHasher.hash(LoginTests.password))
        // Sign in on the first server…
        let form = try await client.get(URI(string: a + "/login"))
        let csrf = try #require(form.headers.setCookie?[AuthCookieNames.loginCSRF]?.string)
        let login = try await client.post(URI(string: a + "/login"), headers: ["Cookie": "\(AuthCookieNames.loginCSRF)=\(csrf)"]) { request in
            try request.content.encode(["username": "palesa", "password": LoginTests.password, "csrf": csrf], as: .urlEncodedForm)
        }
        let session = try #require(login.headers.setCookie?[AuthCookieNames.session]?.string)
        // …and be signed in on the second.
        let home = try await client.get(URI(string: b + "/"), headers: ["Cookie": "\(AuthCookieNames.session)=\(session)"])
        #expect(String(buffer: home.body ?? ByteBuffer()).contains("Palesa M. (data_manager)"), "the session made on one server works on the other")

        // The public table on the second server, before anything is published (now in its caches).
        let tableURL = b + "/api/datasets/LABOUR_MIGRATION/table?rows=SEX"
        let before = try await client.get(URI(string: tableURL))
        #expect(before.status == .ok)
        let file = IncomingFile(name: "labour.csv", data: try Data(contentsOf: try MiniXLSX.sample("mole-labour-migrants-2022.csv")))
        guard case let .stored(submission, _) = try await IntakeService(store: store, reference: reference).importFile(file, datasetID: "LABOUR_MIGRATION", channel: .web)
        else { Issue.record("the labour file was not stored"); return }
        // Approved and published on the first server, through its pages.
        let page = try await client.get(URI(string: a + "/submissions/\(submission.id.uuidString)"), headers: ["Cookie": "\(AuthCookieNames.session)=\(session)"])
        let html = String(buffer: page.body ?? ByteBuffer())
        let range = try #require(html.range(of: "name=\"csrf\" value=\""))
        let token = String(html[range.upperBound...].prefix(64))
        for action in ["approve", "publish"] {
            let done = try await client.post(URI(string: a + "/submissions/\(submission.id.uuidString)/\(action)"),
                                             headers: ["Cookie": "\(AuthCookieNames.session)=\(session)"]) { request in
                try request.content.encode(["csrf": token], as: .urlEncodedForm)
            }
            #expect(done.status.code < 400, "\(action): \(done.status)")
        }
        let after = try await client.get(URI(string: tableURL))
        let table = try after.content.decode(TableResult.self)
        #expect((table.grandTotal ?? 0) > 0, "published on one server, public on the other at once")
        #expect(String(buffer: before.body ?? ByteBuffer()) != String(buffer: after.body ?? ByteBuffer()))
    }
}
