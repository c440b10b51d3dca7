import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import SQLKit
import Testing
import Vapor

/// Two countries' instances on real sockets (D69): Lesotho serves its border crossings by SDMX;
/// South Africa pulls Lesotho's departures by citizenship into its partner dataset, for review.
/// In the first test both instances run on each database in turn.
@Suite("Exchange between countries' instances")
struct ExchangeTests {
    static func mapping(port: Int, codes: [String: String]) -> ExchangeMapping {
        ExchangeMapping(id: "LSO_DEPARTURES", service: "http://127.0.0.1:\(port)/sdmx/2.1", dataflow: "BORDER_CROSSINGS", key: ".DEP....",
                        startPeriod: "2022-01", dataset: "LSO_DEPARTURES", organisation: "LSBOS",
                        dimensions: ["CITIZENSHIP": .init(from: "CITIZENSHIP", codes: codes)])
    }

    /// A month Lesotho publishes after the first pull: two departures and an arrival.
    static let january = """
    DATAFLOW,BORDER_POST,DIRECTION,CITIZENSHIP,SEX,AGE,PURPOSE,TIME_PERIOD,OBS_VALUE
    LS_BOS:BORDER_CROSSINGS(1.0),MSB,DEP,LSO,F,_T,_T,2023-01,1100
    LS_BOS:BORDER_CROSSINGS(1.0),MPT,DEP,CHN,M,_T,_T,2023-01,40
    LS_BOS:BORDER_CROSSINGS(1.0),MSB,ARR,LSO,F,_T,_T,2023-01,1200

    """

    static let codes = ["LSO": "LSO", "ZAF": "ZAF", "ZWE": "ZWE", "BWA": "BWA", "SWZ": "SWZ", "*": "OTH"]

    /// Lesotho's app listening on a real port while `body` runs.
    static func serving(_ app: Application, _ body: (Int) async throws -> Void) async throws {
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        do { try await body(try #require(app.http.server.shared.localAddress?.port)) } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()
    }

    /// South Africa's instance on a fresh database of `backend`, from its configuration folder.
    static func southAfrica(_ backend: TestBackend, _ body: (IMDMSSetup.Prepared, AppSettings) async throws -> Void) async throws {
        let (location, removeDatabase) = try await backend.freshLocation()
        let folder = NSTemporaryDirectory() + "imdms-za-\(UUID().uuidString)"
        let remove = { @Sendable in
            try await removeDatabase()
            try? FileManager.default.removeItem(atPath: folder)
        }
        var environment = ["IMDMS_CONFIG": try Fixtures.southAfricaFolder.path, "IMDMS_DATA_DIR": folder]
        switch location {
        case let .postgres(url): environment["IMDMS_DATABASE_URL"] = url
        case let .sqlite(path): environment["IMDMS_DATA_DIR"] = (path as NSString).deletingLastPathComponent
        }
        let settings = try AppSettings.load(environment: environment)
        let prepared = try await IMDMSSetup.prepare(settings: settings, demo: false, logger: TestBackend.quietLogger)
        do { try await body(prepared, settings) } catch {
            await prepared.store.close()
            try await remove()
            throw error
        }
        await prepared.store.close()
        try await remove()
    }

    @Test("South Africa pulls Lesotho's departures by SDMX: stored for review, equal to a sum of Lesotho's own message; later pulls fetch only what changed",
          arguments: TestBackend.available)
    func pull(backend: TestBackend) async throws {
        try await withIMDMSApp(backend, demoYears: 2022...2022) { lesotho, _ in try await Self.serving(lesotho) { port in
            // The hand computation: Lesotho's departures in its own SDMX-CSV, added up by citizenship and month.
            let message = try await lesotho.client.get(URI(string: "http://127.0.0.1:\(port)/sdmx/2.1/data/BORDER_CROSSINGS/.DEP....?format=csv&startPeriod=2022-01"))
            let lines = String(buffer: message.body ?? ByteBuffer()).split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = try #require(lines.first)
            let (citizenship, period, value) = (try #require(header.firstIndex(of: "CITIZENSHIP")), try #require(header.firstIndex(of: "TIME_PERIOD")), try #require(header.firstIndex(of: "OBS_VALUE")))
            var expected: [String: Double] = [:]
            for fields in lines.dropFirst() { expected["\(Self.codes[fields[citizenship]] ?? "OTH") \(fields[period])", default: 0] += Double(fields[value]) ?? 0 }
            #expect(expected.count > 12, "a year of months for several countries")

            try await Self.southAfrica(backend) { southAfrica, _ in
                let pull = ExchangePull(store: southAfrica.store, reference: southAfrica.reference)
                guard case let .stored(submission, count) = try await pull.pull(Self.mapping(port: port, codes: Self.codes)) else {
                    Issue.record("nothing stored"); return
                }
                #expect(count == expected.count && submission.status == .submitted && submission.organisationID == "LSBOS" && submission.channel == .exchange)
                let rows = try await southAfrica.store.sql.raw("SELECT k1, period, value FROM observations WHERE submission_id = \(bind: submission.id)").all()
                var stored: [String: Double] = [:]
                for row in rows {
                    stored["\(try row.decode(column: "k1", as: String.self)) \(try row.decode(column: "period", as: String.self))"] = try row.decode(column: "value", as: Double.self)
                }
                #expect(stored == expected, "each of South Africa's cells is the sum of Lesotho's")
                // Reviewed in South Africa like any producer's delivery.
                let manager = User(username: "thabo", displayName: "Thabo", role: .dataManager, organisationID: "STATSSA")
                #expect(try await WorkflowRepository(store: southAfrica.store).perform(.approve, on: submission.id, by: manager).status == .approved)
                // Nothing changed at Lesotho since: the next pull asks with updatedAfter and stores nothing.
                guard case .nothingNew = try await pull.pull(Self.mapping(port: port, codes: Self.codes)) else {
                    Issue.record("the second pull stored again"); return
                }
                // Lesotho publishes a new month; the next pull fetches that month alone.
                let january = IncomingFile(name: "border-2023-01.csv", data: Data(Self.january.utf8))
                guard case let .stored(news, _) = try await IntakeService(store: lesotho.imdms.store, reference: lesotho.imdms.reference)
                    .importFile(january, datasetID: "BORDER_CROSSINGS", channel: .web) else { Issue.record("Lesotho's month not stored"); return }
                let palesa = User(username: "palesa", displayName: "Palesa", role: .dataManager, organisationID: "BOS")
                for action in [WorkflowAction.approve, .publish] { try await WorkflowRepository(store: lesotho.imdms.store).perform(action, on: news.id, by: palesa) }
                guard case let .stored(second, secondCount) = try await pull.pull(Self.mapping(port: port, codes: Self.codes)) else {
                    Issue.record("the new month was not pulled"); return
                }
                let secondRows = try await southAfrica.store.sql.raw("SELECT k1, period, value FROM observations WHERE submission_id = \(bind: second.id) ORDER BY k1").all()
                #expect(secondCount == 2 && secondRows.count == 2)
                #expect(try secondRows.map { "\(try $0.decode(column: "k1", as: String.self)) \(try $0.decode(column: "period", as: String.self)) \(try $0.decode(column: "value", as: Double.self))" }
                    == ["LSO 2023-01 1100.0", "OTH 2023-01 40.0"])
                let submissions = try await southAfrica.store.sql.raw("SELECT count(*) AS n FROM submissions").first()?.decode(column: "n", as: Int.self)
                #expect(submissions == 2)
            }
        } }
    }

    @Test("A partner code without a mapping, a mapping to no code of ours and an unreachable partner: a clear message, nothing stored")
    func refused() async throws {
        try await withIMDMSApp(.sqlite, demoYears: 2022...2022) { lesotho, _ in try await Self.serving(lesotho) { port in
            try await Self.southAfrica(.sqlite) { southAfrica, _ in
                let pull = ExchangePull(store: southAfrica.store, reference: southAfrica.reference)
                var codes = Self.codes
                codes["*"] = nil
                await #expect { try await pull.pull(Self.mapping(port: port, codes: codes)) } throws: { error in
                    "\(error)".contains("the partner's CITIZENSHIP CHN (") && "\(error)".contains("has no mapping: add it, or \"*\"")
                }
                codes["*"] = "NOWHERE"
                await #expect { try await pull.pull(Self.mapping(port: port, codes: codes)) } throws: { error in
                    "\(error)".contains("CITIZENSHIP: NOWHERE is not a code of CL_AREA")
                }
                await #expect { try await pull.pull(Self.mapping(port: 9, codes: Self.codes)) } throws: { error in
                    "\(error)".hasPrefix("the partner service http://127.0.0.1:9/sdmx/2.1 could not be read")
                }
                let submissions = try await southAfrica.store.sql.raw("SELECT count(*) AS n FROM submissions").first()?.decode(column: "n", as: Int.self)
                #expect(submissions == 0)
                #expect(try await ExchangeMarks(store: southAfrica.store).lastPull("LSO_DEPARTURES") == nil)
            }
        } }
    }

    @Test("The server pulls on its own when a mapping is due, once across servers; an unreachable partner is retried after its claim runs out",
          arguments: TestBackend.available)
    func scheduled(backend: TestBackend) async throws {
        try await withIMDMSApp(.sqlite, demoYears: 2022...2022) { lesotho, _ in try await Self.serving(lesotho) { port in
            try await Self.southAfrica(backend) { southAfrica, settings in
                // The configuration folder's exchange/ mapping is read and checked at start; its partner is unreachable.
                let context = try AppContext(store: southAfrica.store, reference: southAfrica.reference, settings: settings)
                #expect(context.exchange.map(\.id) == ["LSO_DEPARTURES"] && context.exchange.first?.everyHours == 24)
                let logger = TestBackend.quietLogger
                let now = Date()
                let unreachable = ExchangeSchedule(store: southAfrica.store, reference: southAfrica.reference, mappings: context.exchange)
                #expect(await unreachable.runOnce(now: now, logger: logger) == ["LSO_DEPARTURES": "failed"])
                #expect(await unreachable.runOnce(now: now.addingTimeInterval(60), logger: logger) == ["LSO_DEPARTURES": "claimed by another server"],
                        "not asked again at once")
                // The same mapping at Lesotho's real port, once its claim has run out.
                var mapping = Self.mapping(port: port, codes: Self.codes)
                mapping.everyHours = 24
                let schedule = ExchangeSchedule(store: southAfrica.store, reference: southAfrica.reference, mappings: [mapping])
                let later = now.addingTimeInterval(16 * 60)
                #expect(await schedule.runOnce(now: later, logger: logger)["LSO_DEPARTURES"]?.hasPrefix("stored ") == true)
                #expect(await schedule.runOnce(now: later.addingTimeInterval(3600), logger: logger) == [:], "not due again within 24 hours")
                // Two servers on one database: one claim wins.
                let marks = ExchangeMarks(store: southAfrica.store)
                let (first, second) = (try await marks.claim("X", now: later), try await marks.claim("X", now: later))
                #expect(first && !second)
                try await marks.release("X")
                #expect(try await marks.claim("X", now: later))
                let submissions = try await southAfrica.store.sql.raw("SELECT count(*) AS n FROM submissions").first()?.decode(column: "n", as: Int.self)
                #expect(submissions == 1)
            }
        } }
    }

    @Test("A partner's answer larger than the limit is refused, and nothing stored")
    func tooLarge() async throws {
        try await withIMDMSApp(.sqlite, demoYears: 2022...2022) { lesotho, _ in try await Self.serving(lesotho) { port in
            try await Self.southAfrica(.sqlite) { southAfrica, _ in
                let pull = ExchangePull(store: southAfrica.store, reference: southAfrica.reference, maxAnswerBytes: 1_000)
                await #expect { try await pull.pull(Self.mapping(port: port, codes: Self.codes)) } throws: { error in
                    "\(error)".contains("is larger than the 1000 bytes taken")
                }
                let submissions = try await southAfrica.store.sql.raw("SELECT count(*) AS n FROM submissions").first()?.decode(column: "n", as: Int.self)
                #expect(submissions == 0)
            }
        } }
    }
}
