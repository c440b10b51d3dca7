import Foundation
import IMDMSCore
import IMDMSFuzz
import IMDMSTestSupport
import Testing

/// A partner's answer is input from the network: damaged SDMX-CSV (the intake fuzzer's text
/// mutations of a real message) is refused with a reason or made into well-formed CSV, never a crash.
@Suite("Exchange: a damaged partner answer")
struct ExchangeTranslationFuzzTests {
    static let message = """
    DATAFLOW,BORDER_POST,DIRECTION,CITIZENSHIP,SEX,AGE,PURPOSE,TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS
    LS_BOS:BORDER_CROSSINGS(1.0),MSB,DEP,LSO,F,_T,_T,2023-01,1100,A,F
    LS_BOS:BORDER_CROSSINGS(1.0),MPT,DEP,CHN,M,_T,_T,2023-01,40,A,F
    LS_BOS:BORDER_CROSSINGS(1.0),MSB,DEP,ZAF,F,_T,_T,2023-02,"1,5",A,F
    LS_BOS:BORDER_CROSSINGS(1.0),MSB,DEP,ZWE,M,_T,_T,2023-02,,M,F

    """

    @Test("400 mutations: each refused with a reason, or translated to CSV whose every line has the structure's fields")
    func mutations() throws {
        let reference = try ConfigurationFolder.read(try Fixtures.southAfricaFolder)
        let structure = try #require(reference.structure("LSO_DEPARTURES"))
        let mapping = ExchangeMapping(id: "LSO_DEPARTURES", service: "http://partner", dataflow: "BORDER_CROSSINGS", dataset: "LSO_DEPARTURES", organisation: "LSBOS",
                                      dimensions: ["CITIZENSHIP": .init(from: "CITIZENSHIP", codes: ["LSO": "LSO", "ZAF": "ZAF", "*": "OTH"])])
        var fuzzer = IntakeFuzzer(seeds: [.init(name: "answer.csv", datasetID: "LSO_DEPARTURES", data: Data(Self.message.utf8))], seed: 19)
        var (translated, refused) = (0, 0)
        for number in 0..<400 {
            let damaged = fuzzer.next(number)
            let made: (csv: String, observations: Int)
            do { made = try mapping.translate([UInt8](damaged.data), into: structure, agencyID: reference.agencyID) } catch {
                // A typed error: a mapping problem or "not SDMX-CSV", with a reason.
                #expect(!error.problems.isEmpty && !error.problems.contains(where: \.isEmpty), "\(damaged.mutation)")
                refused += 1
                continue
            }
            let lines = try CSVReader(delimiter: UInt8(ascii: ",")).records(in: Array(made.csv.utf8)).filter { !$0.isBlank }
            #expect(lines.count == made.observations + 1, "\(damaged.mutation)")
            #expect(lines.allSatisfy { $0.fields.count == structure.dimensions.count + 3 }, "\(damaged.mutation)")
            translated += 1
        }
        #expect(translated > 50 && refused > 20, "both outcomes reached: \(translated) translated, \(refused) refused")
    }
}
