import IMDMSCore
import Testing

@Suite("Demo data")
struct DemoDataGeneratorTests {
    let reference: ReferenceConfiguration
    init() throws { reference = try ReferenceConfiguration.lesotho() }

    @Test("Fills every dataset of the brief with valid observations")
    func everyDataset() throws {
        let generator = DemoDataGenerator(reference: reference, years: 2022...2022)
        // Governance scores come from assessments, daily crossings and visitors' stays from traveller records: not from the generator.
        #expect(Set(generator.datasetIDs) == Set(reference.structures.map(\.id)).subtracting(["MIGRATION_GOVERNANCE", "BORDER_CROSSINGS_DAILY", "VISITOR_STAYS"]))
        let codelists = reference.codelistsByID
        for id in generator.datasetIDs where id != "MIGRANT_STOCK" {
            let structure = try #require(reference.structure(id))
            let observations = generator.observations(for: id)
            #expect(!observations.isEmpty, "\(id) is empty")
            for observation in observations.prefix(500) {
                #expect(observation.period.frequency == structure.frequency)
                for (code, dimension) in zip(observation.key, structure.dimensions) {
                    #expect(codelists[dimension.codelistID]?.contains(code) == true, "\(id): \(code) not in \(dimension.codelistID)")
                }
                #expect((observation.value ?? -1) >= 0)
            }
            #expect(Set(observations.map { $0.seriesKey + $0.period.formatted }).count == observations.count, "\(id) repeats a key")
        }
    }

    @Test("Is deterministic")
    func deterministic() {
        let a = DemoDataGenerator(reference: reference, years: 2021...2022).observations(for: "BORDER_CROSSINGS")
        let b = DemoDataGenerator(reference: reference, years: 2021...2022).observations(for: "BORDER_CROSSINGS")
        #expect(a == b)
    }

    @Test("Maseru Bridge is the busiest post, December peaks, South Africa dominates labour migration")
    func plausible() {
        let generator = DemoDataGenerator(reference: reference, years: 2019...2019)
        let crossings = generator.observations(for: "BORDER_CROSSINGS")
        func total(_ filter: (Observation) -> Bool, _ list: [Observation]) -> Double {
            list.filter(filter).reduce(0) { $0 + ($1.value ?? 0) }
        }
        let byPost = Dictionary(grouping: crossings, by: { $0.key[0] }).mapValues { total({ _ in true }, $0) }
        #expect(byPost.max { $0.value < $1.value }?.key == "MSB")
        #expect(total({ $0.period.subperiod == 12 }, crossings) > 1.3 * total({ $0.period.subperiod == 6 }, crossings))
        let labour = generator.observations(for: "LABOUR_MIGRATION")
        #expect(total({ $0.key[0] == "ZAF" }, labour) > 0.8 * total({ _ in true }, labour))
    }
}
