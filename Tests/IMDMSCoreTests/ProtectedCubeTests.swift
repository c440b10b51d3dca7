import Foundation
@testable import IMDMSCore
import Testing

@Suite("Protected cube: what is withheld, and what stays as it was")
struct ProtectedCubeTests {
    static let reference = try! ReferenceConfiguration.lesotho()

    static func cube(_ datasetID: String, years: ClosedRange<Int>, keep: (Observation) -> Bool = { _ in true }, previous: ProtectedCube? = nil) -> ProtectedCube {
        let structure = reference.structure(datasetID)!
        let observations = DemoDataGenerator(reference: reference, years: years).observations(for: datasetID).filter(keep)
        return ProtectedCube(structure: structure, codelists: reference.codelistsByID, threshold: structure.disclosureThreshold,
                             observations: observations, previous: previous)
    }

    @Test("Every cell under the threshold is withheld, at every level and period; a withheld cell is never empty",
          arguments: ["TIP_VICTIMS", "RETURNS", "WORK_PERMITS", "MIGRANT_HEALTH", "MIGRATION_FLOWS"])
    func primariesWithheld(datasetID: String) {
        let cube = Self.cube(datasetID, years: 2024...2024)
        var withheld = 0
        for (_, cells) in cube.periods {
            for (key, value) in cells.values where value > 0 && value < Double(cube.threshold) {
                #expect(cells.withheld.contains(key))
            }
            #expect(cells.withheld.isSubset(of: Set(cells.values.keys)))
            withheld += cells.withheld.count
        }
        #expect(withheld > 0)
        #expect(cube.coarseFallbacks == 0)
        // Grand totals of every period stay published (totals go last).
        let grand = CellKey(cube.axes.map(\.top))
        for (period, cells) in cube.periods { #expect(!cells.withheld.contains(grand), "\(period)") }
    }

    @Test("A later month never changes what an earlier month shows; an unchanged period keeps its protection")
    func stableOverTime() throws {
        let march = Self.cube("MIGRATION_FLOWS", years: 2024...2024) { $0.period.subperiod <= 3 }
        let april = Self.cube("MIGRATION_FLOWS", years: 2024...2024) { $0.period.subperiod <= 4 }
        for month in 1...3 {
            let period = try Period.month(2024, month)
            #expect(march.periods[period]?.withheld == april.periods[period]?.withheld, "\(period)")
            #expect(march.periods[period]?.values == april.periods[period]?.values, "\(period)")
        }
        let q1 = try Period.quarter(2024, 1)
        #expect(march.periods[q1]?.withheld == april.periods[q1]?.withheld, "the first quarter is complete in both")
        let reused = Self.cube("MIGRATION_FLOWS", years: 2024...2024, keep: { $0.period.subperiod <= 4 }, previous: march)
        for (period, cells) in april.periods {
            #expect(reused.periods[period]?.withheld == cells.withheld, "\(period): built anew and reusing March's cube agree")
        }
    }

    @Test("Detail larger than its reported aggregate: a small 'not further specified' quarter is still withheld")
    func inconsistentLevels() throws {
        let structure = QueryEngineTests.structure(.flow, threshold: 3)
        let rows: [([String], String, Double)] = [
            (["X", "FOREIGN", "F"], "2022-01", 5), (["X", "ZAF", "F"], "2022-01", 7), (["X", "LSO", "F"], "2022-01", 40),
            (["X", "FOREIGN", "F"], "2022-02", 3), (["X", "LSO", "F"], "2022-02", 38), (["Y", "LSO", "M"], "2022-02", 30),
        ]
        let observations = rows.map { Observation(key: $0.0, period: try! Period(parsing: $0.1), value: $0.2) }
        let cube = ProtectedCube(structure: structure, codelists: QueryEngineTests.codelists, threshold: 3, observations: observations)
        let area = cube.axes[1]
        let foreign = try #require(area.node("FOREIGN"))
        let rest = try #require(area.remainder(of: foreign))
        let key = CellKey([try #require(cube.axes[0].node("X")), rest, try #require(cube.axes[2].node("F"))])
        let q1 = try Period.quarter(2022, 1)
        #expect(cube.periods[q1]?.values[key] == 1, "-2 in January, 3 in February")
        #expect(cube.periods[q1]?.withheld.contains(key) == true)
        #expect(cube.coarseFallbacks > 0)
    }

    @Test("A value sent as confidential is withheld with a hypercube, even in a dataset without a threshold")
    func confidentialWithoutThreshold() throws {
        let structure = Self.reference.structure("LABOUR_MIGRATION")!
        var observations = DemoDataGenerator(reference: Self.reference, years: 2024...2024).observations(for: "LABOUR_MIGRATION")
        let index = try #require(observations.firstIndex { $0.key == ["ZAF", "B", "M"] })
        observations[index].confidentiality = .confidential
        let cube = ProtectedCube(structure: structure, codelists: Self.reference.codelistsByID, threshold: 0, observations: observations)
        let target = observations[index]
        #expect(cube.observation(target.key, period: target.period).withheld)
        let withheld = cube.periods[target.period]?.withheld.count ?? 0
        #expect(withheld >= 4, "its hypercube: at least a pair in two dimensions")
        #expect(cube.observation(["ZAF", "B", "F"], period: target.period).withheld || cube.observation(["ZAF", "B", "_T"], period: target.period).withheld
                || cube.table(TableRequest(datasetID: "LABOUR_MIGRATION", rowDimension: "SEX", filters: ["DESTINATION": ["ZAF"], "SECTOR": ["B"]],
                                           startPeriod: target.period, endPeriod: target.period)).allCells.filter(\.isWithheld).count >= 2)
    }
}
