import Foundation
import IMDMSCore
import IMDMSStorage

/// Runs fuzzed files through the intake as a producer's upload would go (a dry run of
/// `IntakeService.importFile`) and sorts the outcomes: read, refused with messages, or unexpected
/// (an error no user is meant to see). A trap ends the process, a stall trips the caller's watch.
public enum IntakeFuzzRun {
    public struct Tally: Sendable {
        public var read = 0
        public var refused = 0
        public var unexpected: [String] = []
        public var seconds: [Double] = []
        public var slowest = (seconds: 0.0, name: "")
        public var byMutation: [String: Int] = [:]
    }

    /// `willRun` hears each case before it runs (to name the case if it never returns).
    /// `only`: run just this case (the others are made, not run: to replay one from a long run).
    public static func run(store: Store, reference: ReferenceConfiguration, seeds: [IntakeFuzzer.Seed], cases: Int, seed: UInt64,
                           only: Int? = nil, willRun: (IntakeFuzzer.Case) -> Void = { _ in }) async -> Tally {
        var fuzzer = IntakeFuzzer(seeds: seeds, seed: seed)
        var tally = Tally()
        let intake = IntakeService(store: store, reference: reference)
        let clock = ContinuousClock()
        for number in 0..<cases {
            let fuzzed = fuzzer.next(number)
            if let only, only != number { continue }
            willRun(fuzzed)
            let name = "case \(number) (\(fuzzed.seed): \(fuzzed.mutation))"
            let started = clock.now
            do {
                let outcome = try await intake.importFile(IncomingFile(name: fuzzed.fileName, data: fuzzed.data), datasetID: fuzzed.datasetID,
                                                          channel: .api, dryRun: true)
                switch outcome {
                case .checked, .stored: tally.read += 1
                case let .rejected(preview):
                    if preview.problems.isEmpty || preview.problems.contains(where: { $0.description.isEmpty }) {
                        tally.unexpected.append("\(name): refused without a message")
                    } else {
                        tally.refused += 1
                    }
                }
            } catch let error as StorageError {
                switch error {
                case .conflict, .invalid, .notFound, .unknownDataset: tally.refused += 1
                default: tally.unexpected.append("\(name): \(error)")
                }
            } catch {
                tally.unexpected.append("\(name): \(String(reflecting: error))")
            }
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            tally.seconds.append(seconds)
            if seconds > tally.slowest.seconds { tally.slowest = (seconds, name) }
            tally.byMutation[String(fuzzed.mutation.split(separator: " ").prefix(fuzzed.mutation.hasPrefix("xml") || fuzzed.mutation.hasPrefix("text") ? 2 : 1).joined(separator: " ")), default: 0] += 1
        }
        return tally
    }

    /// The real files the mutations start from, read from the samples folder.
    public static func seeds(samples folder: URL) throws -> [IntakeFuzzer.Seed] {
        func file(_ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(name)) }
        let tip = """
            DATAFLOW,EXPLOITATION,SEX,AGE,CITIZENSHIP,EXPLOITATION_COUNTRY,TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS
            TIP_VICTIMS,SEXUAL,F,Y_GE18,LSO,ZAF,2022-Q4,12,A,F
            TIP_VICTIMS,SEXUAL,M,Y_GE18,LSO,ZAF,2022-Q4,1,A,F
            TIP_VICTIMS,LABOUR,F,Y_GE18,LSO,ZAF,2022-Q4,4,P,F
            TIP_VICTIMS,LABOUR,M,Y_GE18,FOREIGN,ZAF,2022-Q4,9,A,C

            """
        return [
            .init(name: "moha-border-crossings-2022-11-12.xlsx", datasetID: "BORDER_CROSSINGS", data: try file("moha-border-crossings-2022-11-12.xlsx")),
            .init(name: "moh-migrant-health-2022Q4.xlsx", datasetID: "MIGRANT_HEALTH", data: try file("moh-migrant-health-2022Q4.xlsx")),
            .init(name: "police-tip-victims-2022.xlsx", datasetID: "TIP_VICTIMS", data: try file("police-tip-victims-2022.xlsx")),
            .init(name: "mole-labour-migrants-2022.csv", datasetID: "LABOUR_MIGRATION", data: try file("mole-labour-migrants-2022.csv")),
            .init(name: "tip-victims-sdmx.csv", datasetID: "TIP_VICTIMS", data: Data(tip.utf8)),
        ]
    }
}
