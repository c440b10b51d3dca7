import Foundation
import IMDMSCore
import Testing

@Suite("Regional cells from national tables")
struct RegionalCellsTests {
    @Test("The shipped SADC profile and Lesotho's mapping load and check")
    func shipped() throws {
        let regional = try #require(try RegionalOutput.load(countryFolder: nil, national: try ReferenceConfiguration.lesotho()))
        #expect(regional.profile.agencyID == "SADC" && regional.structures.map(\.id) == ["SADC_BORDER_CROSSINGS", "SADC_MIGRATION_FLOWS"])
    }

    @Test("A mapping naming a missing dimension or code, or counting a code twice, is refused with every problem")
    func checked() throws {
        let lesotho = try ReferenceConfiguration.lesotho()
        let profile = try #require(try RegionalOutput.load(countryFolder: nil, national: lesotho)).profile
        let mapping = RegionalMapping(region: "sadc", dataflows: ["SADC_BORDER_CROSSINGS": .init(dataset: "BORDER_CROSSINGS", dimensions: [
            "REF_AREA": .init(code: "XXX"),
            "DIRECTION": .init(from: "COLOUR", codes: ["ARR": "ARR"]),
            "CITIZENSHIP": .init(from: "CITIZENSHIP", codes: ["FOREIGN": "OTH", "ZAF": "ZAF", "QQQ": "LSO"]),
        ])])
        let problems = mapping.problems(national: lesotho, profile: profile)
        #expect(problems.contains("SADC_BORDER_CROSSINGS.REF_AREA: XXX is not a code of the profile's CL_AREA"))
        #expect(problems.contains("SADC_BORDER_CROSSINGS.DIRECTION: BORDER_CROSSINGS has no dimension COLOUR"))
        #expect(problems.contains("SADC_BORDER_CROSSINGS.CITIZENSHIP: QQQ is not a code of CL_AREA"))
        #expect(problems.contains("SADC_BORDER_CROSSINGS.CITIZENSHIP: ZAF is inside FOREIGN, so it would be counted twice"))
        #expect(problems.contains("SADC_BORDER_CROSSINGS.SEX: has no mapping"), "\(problems)")
    }

    @Test("A regional cell is withheld when any national cell it adds up is, and the rest (total less the listed codes) too")
    func withheld() async throws {
        let lesotho = try ReferenceConfiguration.lesotho()
        let regional = try #require(try RegionalOutput.load(countryFolder: nil, national: lesotho))
        let target = try #require(regional.profile.structure("SADC_BORDER_CROSSINGS"))
        let flow = RegionalMapping.Dataflow(dataset: "BORDER_CROSSINGS", dimensions: [
            "REF_AREA": .init(code: "LSO"), "DIRECTION": .init(from: "DIRECTION", codes: ["ARR": "ARR"]),
            "CITIZENSHIP": .init(from: "CITIZENSHIP", codes: ["LSO": "LSO", "ZAF": "ZAF", "*": "OTH"]), "SEX": .init(from: "SEX", codes: ["*": "_U"]),
        ])
        let (january, february) = ("2024-01", "2024-02")
        let observations = try await RegionalCells(target: target, flow: flow, national: try #require(lesotho.structure("BORDER_CROSSINGS"))).observations { request in
            #expect(request.filters == ["DIRECTION": ["ARR"]], "the other dimensions at their totals")
            func cell(_ row: String, _ column: String, _ value: Double?) -> TableResult.Cell {
                TableResult.Cell(row: row, column: column, value: value, observationCount: 1, confidentiality: value == nil ? .confidential : .free)
            }
            if request.rowDimension == TableRequest.timeDimension {
                return TableResult(request: request, rows: [.init(code: january, depth: 0), .init(code: february, depth: 0)], columns: [], cells: [],
                                   rowTotals: [january: cell(january, "_Z_TOTAL", 100), february: cell(february, "_Z_TOTAL", 100)], columnTotals: [:], grand: nil)
            }
            #expect(request.rowDimension == "CITIZENSHIP" && request.rowCodes == ["LSO", "ZAF"])
            return TableResult(request: request, rows: [], columns: [], cells: [
                cell("LSO", january, 60), cell("ZAF", january, nil), cell("LSO", february, 60), cell("ZAF", february, 30),
            ], rowTotals: [:], columnTotals: [:], grand: nil)
        }
        let shown = observations.map { "\($0.seriesKey) \($0.period) \($0.value.map(NumberText.plain) ?? "x")" }
        #expect(shown == [
            "LSO.ARR.LSO._U 2024-01 60", "LSO.ARR.LSO._U 2024-02 60",
            "LSO.ARR.OTH._U 2024-01 x", "LSO.ARR.OTH._U 2024-02 10",
            "LSO.ARR.ZAF._U 2024-01 x", "LSO.ARR.ZAF._U 2024-02 30",
        ])
        #expect(observations.filter { $0.value == nil }.allSatisfy { $0.confidentiality == .confidential && $0.status == .suppressed })
    }
}
