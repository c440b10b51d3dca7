import Foundation
import IMDMSCore
import IMDMSTestSupport
import Testing

@Suite("Proposed import profiles")
struct ProfileProposerTests {
    let reference: ReferenceConfiguration
    init() throws { reference = try ReferenceConfiguration.lesotho() }

    func propose(_ dataset: String, _ grids: [Grid]) throws -> (ImportProfile?, [String]) {
        ProfileProposer(structure: try #require(reference.structure(dataset)), codelists: reference.codelistsByID)
            .propose(grids, codelists: reference.codelistsByID)
    }

    @Test("The Home Affairs cross-tab: header rows, the port column, values, the total column, the sheet's month")
    func homeAffairs() throws {
        let grids = try ProfileImporterTests.workbook("moha-border-crossings-2022-11-12.xlsx")
        let (profile, notes) = try propose("BORDER_CROSSINGS", grids)
        #expect(profile == ProfileImporterTests.homeAffairs)
        #expect(notes.count == 2, "age and purpose are not in the file: \(notes)")
    }

    @Test("The Labour CSV: country, sector and sex columns, year and quarter, the value column")
    func labour() throws {
        let url = try MiniXLSX.sample("mole-labour-migrants-2022.csv")
        let bytes = Array(TextDecoder.decode([UInt8](try Data(contentsOf: url))).text.utf8)
        let grid = Grid.csv(name: "mole-labour-migrants-2022.csv", records: try CSVReader.detecting(in: bytes).records(in: bytes))
        let (profile, notes) = try propose("LABOUR_MIGRATION", [grid])
        #expect(profile == ImportProfile(
            datasetID: "LABOUR_MIGRATION", firstDataRow: 2, valueColumns: ["F"],
            dimensions: ["DESTINATION": .column("C"), "SECTOR": .column("D"), "SEX": .column("E")],
            period: .yearAndSubperiod(yearColumn: "A", subperiodColumn: "B")))
        #expect(notes.isEmpty)
    }

    @Test("The health workbook: long table with the month in a column")
    func health() throws {
        let (profile, _) = try propose("MIGRANT_HEALTH", try ProfileImporterTests.workbook("moh-migrant-health-2022Q4.xlsx"))
        #expect(profile?.period == .column("A"))
        #expect(profile?.valueColumns == ["F"])
        #expect(profile?.dimensions["SERVICE"] == .column("C"))
        #expect(profile?.dimensions["AGE"] == .column("E"))
        #expect(profile?.firstDataRow == 4)
    }

    @Test("The police workbook: two header rows (age, sex), the exploitation column, quarters from sheet names")
    func police() throws {
        let (profile, notes) = try propose("TIP_VICTIMS", try ProfileImporterTests.workbook("police-tip-victims-2022.xlsx"))
        #expect(profile?.dimensions["AGE"] == .headerRow(3))
        #expect(profile?.dimensions["SEX"] == .headerRow(4))
        #expect(profile?.dimensions["EXPLOITATION"] == .column("A"))
        #expect(profile?.valueColumns == ["B", "C", "D", "E"])
        #expect(profile?.totalColumns == ["F"])
        #expect(profile?.period == .sheetName)
        #expect(profile?.firstDataRow == 5)
        #expect(profile?.dimensions["CITIZENSHIP"] == .fixed("WORLD"), "not in the file: the total over citizenship")
        #expect(notes.count == 2)
    }

    @Test("Nothing to propose from an empty sheet")
    func empty() throws {
        let (profile, notes) = try propose("BORDER_CROSSINGS", [Grid(name: "Sheet1")])
        #expect(profile == nil)
        #expect(notes == ["the file has no data"])
    }
}
