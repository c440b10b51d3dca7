import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import Vapor
import VaporTesting

/// Mirror statistics between two instances (D70): South Africa's arrivals of Lesotho's residents
/// beside Lesotho's departures of its citizens, pulled from Lesotho's SDMX service.
@Suite("Mirror statistics report")
struct MirrorReportTests {
    /// South Africa's own arrivals for 2022: Lesotho's residents each month (and other countries, left out of the mirror).
    static func arrivals() -> (csv: String, lesotho: [String: Double]) {
        var lines = ["DATAFLOW,RESIDENCE,TRAVELLER,SEX,TIME_PERIOD,OBS_VALUE"]
        var lesotho: [String: Double] = [:]
        for month in 1...12 {
            let period = String(format: "2022-%02d", month)
            let (women, men) = (Double(118_000 + 3_700 * month), Double(121_650 + 1_100 * month * month))
            lines += ["ZA_STATSSA:ARRIVALS(1.0),LSO,VIS,F,\(period),\(Int(women))", "ZA_STATSSA:ARRIVALS(1.0),LSO,VIS,M,\(period),\(Int(men))",
                      "ZA_STATSSA:ARRIVALS(1.0),ZWE,VIS,M,\(period),\(4_000 + month)"]
            lesotho[period] = women + men
        }
        return (lines.joined(separator: "\n") + "\n", lesotho)
    }

    @Test("shows both countries' figures and their differences, equal to a hand computation", arguments: TestBackend.available)
    func mirror(backend: TestBackend) async throws {
        try await withIMDMSApp(.sqlite, demoYears: 2022...2022) { lesotho, _ in try await ExchangeTests.serving(lesotho) { port in
            // Lesotho's side by hand: its departures of its own citizens, from its own SDMX-CSV message.
            let message = try await lesotho.client.get(URI(string: "http://127.0.0.1:\(port)/sdmx/2.1/data/BORDER_CROSSINGS/.DEP.LSO...?format=csv&startPeriod=2022-01"))
            let records = try CSVReader(delimiter: UInt8(ascii: ",")).records(in: Array(message.body.map { Data(buffer: $0) } ?? Data())).map(\.fields)
            let header = try #require(records.first)
            let (periodColumn, valueColumn) = (try #require(header.firstIndex(of: "TIME_PERIOD")), try #require(header.firstIndex(of: "OBS_VALUE")))
            var theirs: [String: Double] = [:]
            for fields in records.dropFirst() where fields.count == header.count { theirs[fields[periodColumn], default: 0] += Double(fields[valueColumn]) ?? 0 }
            #expect(theirs.count == 12)
            let (arrivals, ours) = Self.arrivals()

            try await ExchangeTests.southAfrica(backend) { southAfrica, settings in
                let manager = User(username: "thabo", displayName: "Thabo", role: .dataManager, organisationID: "STATSSA")
                let workflow = WorkflowRepository(store: southAfrica.store)
                guard case let .stored(pulled, _) = try await ExchangePull(store: southAfrica.store, reference: southAfrica.reference)
                    .pull(ExchangeTests.mapping(port: port, codes: ExchangeTests.codes)) else { Issue.record("nothing pulled"); return }
                guard case let .stored(own, _) = try await IntakeService(store: southAfrica.store, reference: southAfrica.reference)
                    .importFile(IncomingFile(name: "arrivals-2022.csv", data: Data(arrivals.utf8)), datasetID: "ARRIVALS", channel: .web)
                else { Issue.record("South Africa's arrivals not stored"); return }
                for submission in [pulled.id, own.id] {
                    for action in [WorkflowAction.approve, .publish] { try await workflow.perform(action, on: submission, by: manager) }
                }
                let context = try AppContext(store: southAfrica.store, reference: southAfrica.reference, settings: settings)
                try await withApp(configure: { app in try configure(app, context: context) }) { app in
                    // The report's table, read back from its CSV download: one line per period and column.
                    var table: [String: [String: String]] = [:]
                    try await app.testing().test(.GET, "/reports/mirror-lesotho?period=2022&format=csv") { response in
                        #expect(response.status == .ok)
                        let lines = try CSVReader(delimiter: UInt8(ascii: ",")).records(in: Array(response.body.readableBytesView)).map(\.fields)
                        for fields in lines.dropFirst() where fields.count >= 8 { table[fields[4], default: [:]][fields[6]] = fields[7] }
                    }
                    let columns = ["Arrivals of Lesotho residents (South Africa)", "Departures of Basotho (Lesotho)", "Difference (ours − theirs)", "Difference (% of theirs)"]
                    for month in 1...12 {
                        let period = try Period.month(2022, month)
                        let (a, b) = (try #require(ours[period.formatted]), try #require(theirs[period.formatted]))
                        let row = try #require(table[period.label], "a row for \(period.label): \(table.keys.sorted())")
                        #expect(row[columns[0]] == NumberText.plain(a) && row[columns[1]] == NumberText.plain(b), "\(period): \(row)")
                        #expect(row[columns[2]] == NumberText.plain(a - b), "\(period): \(row)")
                        #expect(row[columns[3]].flatMap(Double.init).map { abs($0 - (a - b) / b * 100) < 1e-9 } == true, "\(period): \(row)")
                    }
                    let (totalOurs, totalTheirs) = (ours.values.reduce(0, +), theirs.values.reduce(0, +))
                    #expect(table["Total"]?[columns[2]] == NumberText.plain(totalOurs - totalTheirs))
                    // The page says both sides and the gap in words.
                    try await app.testing().test(.GET, "/reports/mirror-lesotho?period=2022") { response in
                        let page = response.body.string
                        #expect(page.contains("we counted \(NumberText.grouped(totalOurs)) arrivals of Lesotho&#39;s residents"), "\(page.prefix(4000))")
                        #expect(page.contains("Lesotho counted \(NumberText.grouped(totalTheirs)) departures of its citizens"))
                        let gap = totalOurs - totalTheirs
                        #expect(page.contains("Our figure is \(NumberText.grouped(abs(gap))) (\(NumberText.percent(abs(gap / totalTheirs * 100)))) \(gap > 0 ? "higher" : "lower") than Lesotho&#39;s."), "the narrative escaped once, as text")
                        #expect(page.contains("<svg"), "the two series as a chart")
                    }
                }
            }
        } }
    }
}
