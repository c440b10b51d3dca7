import Foundation
import IMDMSCore
import IMDMSTestSupport
import Testing

@Suite("Import profiles on the ministries' sample files")
struct ProfileImporterTests {
    let reference: ReferenceConfiguration
    init() throws { reference = try ReferenceConfiguration.lesotho() }

    func importer(_ profile: ImportProfile, aliases: [String: [String: String]] = [:]) throws -> ProfileImporter {
        ProfileImporter(profile: profile, structure: try #require(reference.structure(profile.datasetID)),
                        codelists: reference.codelistsByID, aliases: aliases)
    }

    static func workbook(_ name: String) throws -> [Grid] {
        try XLSXWorkbook(url: try MiniXLSX.sample(name)).grids()
    }

    static let homeAffairs = ImportProfile(
        datasetID: "BORDER_CROSSINGS", firstDataRow: 8, valueColumns: ["B", "C", "D", "E", "F", "G", "H", "I"],
        dimensions: ["BORDER_POST": .column("A"), "DIRECTION": .headerRow(5), "CITIZENSHIP": .headerRow(6), "SEX": .headerRow(7),
                     "AGE": .fixed("_T"), "PURPOSE": .fixed("_T")],
        period: .sheetName, totalColumns: ["J"])

    static let confirmed = ["CL_BORDER_POST": ["Ficksburg Bridge (Maputsoe)": "MPT"]]

    @Test("Home Affairs cross-tab: merged three-row headers, a sheet a month, totals checked not stored")
    func homeAffairsCrossTab() throws {
        let grids = try Self.workbook("moha-border-crossings-2022-11-12.xlsx")
        let unconfirmed = try importer(Self.homeAffairs).read(grids)
        #expect(unconfirmed.unknownValues.map(\.text) == ["Ficksburg Bridge (Maputsoe)"], "reported once for both sheets")
        #expect(unconfirmed.unknownValues.first?.suggestions.first?.code == "MPT")
        #expect(unconfirmed.unknownValues.first?.occurrences == 2)
        let result = try importer(Self.homeAffairs, aliases: Self.confirmed).read(grids)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.observations.count == 2 * 12 * 8)
        #expect(Set(result.observations.map(\.period.formatted)) == ["2022-11", "2022-12"])
        let november = result.observations.filter { $0.period.formatted == "2022-11" }
        #expect(november.reduce(0) { $0 + ($1.value ?? 0) } == 1_129_575, "the stored detail equals the TOTAL cell J20")
        let first = try #require(november.first { $0.key == ["MSB", "ARR", "LSO", "M", "_T", "_T"] })
        #expect(first.value == 121_001)
        #expect(november.contains { $0.key == ["MPT", "DEP", "FOREIGN", "F", "_T", "_T"] }, "Ficksburg Bridge (Maputsoe) is MPT")
        #expect(result.totalsChecked == 2 * (12 + 8))
    }

    @Test("A changed value that breaks a total is reported with sheet, row and column")
    func totalMismatch() throws {
        var grids = try Self.workbook("moha-border-crossings-2022-11-12.xlsx")
        grids[0].set(.number(121_000), row: 8, column: 2)
        let problems = try importer(Self.homeAffairs, aliases: Self.confirmed).read(grids).problems
        #expect(problems.map(\.kind) == [.totalMismatch, .totalMismatch])
        #expect(problems.map(\.row) == [8, 20])
        #expect(problems.map(\.column) == ["J", "B"])
        #expect(problems.allSatisfy { $0.sheet == "November 2022" })
    }

    @Test("Labour CSV: Windows-1252, `;`, year and quarter columns, aliases, thousands separators, a grand total row")
    func labourCSV() throws {
        let url = try MiniXLSX.sample("mole-labour-migrants-2022.csv")
        let text = TextDecoder.decode([UInt8](try Data(contentsOf: url))).text
        let bytes = Array(text.utf8)
        let grid = Grid.csv(name: "mole-labour-migrants-2022.csv", records: try CSVReader.detecting(in: bytes).records(in: bytes))
        let profile = ImportProfile(
            datasetID: "LABOUR_MIGRATION", firstDataRow: 2, valueColumns: ["F"],
            dimensions: ["DESTINATION": .column("C"), "SECTOR": .column("D"), "SEX": .column("E")],
            period: .yearAndSubperiod(yearColumn: "A", subperiodColumn: "B"))
        let result = try importer(profile).read([grid])
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.observations.reduce(0) { $0 + ($1.value ?? 0) } == 44_710)
        #expect(result.totalsChecked == 1)
        #expect(Set(result.observations.map { $0.key[0] }).isSuperset(of: ["ZAF", "CIV", "GBR"]))
        #expect(Set(result.observations.map(\.period.formatted)) == ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"])
        let mining = result.observations.first { $0.key == ["ZAF", "B", "M"] && $0.period.formatted == "2022-Q1" }
        #expect(mining?.value == 7_974)
    }

    @Test("Health workbook: the negative value, `n/a` and the unknown clinic are each reported with sheet and row")
    func healthProblems() throws {
        let profile = ImportProfile(
            datasetID: "MIGRANT_HEALTH", firstDataRow: 4, valueColumns: ["F"],
            dimensions: ["HEALTH_SITE": .column("B"), "SERVICE": .column("C"), "SEX": .column("D"), "AGE": .column("E")],
            period: .column("A"))
        let result = try importer(profile).read(try Self.workbook("moh-migrant-health-2022Q4.xlsx"))
        #expect(result.observations.isEmpty, "a file with problems stores nothing")
        let negative = result.problems.filter { $0.kind == .negativeCount }
        #expect(negative.map(\.sheet) == ["Oct 2022", "Nov 2022", "Dec 2022"])
        #expect(negative.map(\.row) == [396, 396, 396])
        let notNumbers = result.problems.filter { $0.kind == .notANumber }
        #expect(notNumbers.map(\.value) == ["n/a", "n/a", "n/a"])
        #expect(notNumbers.map(\.row) == [397, 397, 397])
        let unknown = try #require(result.unknownValues.first)
        #expect(result.unknownValues.count == 1)
        #expect(unknown.text == "Ha Nyenye clinic")
        #expect((unknown.sheet, unknown.row, unknown.column, unknown.occurrences) == ("Oct 2022", 398, "B", 3))
        #expect(result.problems.count == 7)
        #expect(result.blankCellsSkipped == 22 + 20 + 18)
    }

    @Test("Police workbook: quarterly sheets, two header rows that give sex and age, a confirmed alias")
    func policeTIP() throws {
        let profile = ImportProfile(
            datasetID: "TIP_VICTIMS", firstDataRow: 5, valueColumns: ["B", "C", "D", "E"],
            dimensions: ["EXPLOITATION": .column("A"), "AGE": .headerRow(3), "SEX": .headerRow(4),
                         "CITIZENSHIP": .fixed("_U"), "EXPLOITATION_COUNTRY": .fixed("_U")],
            period: .sheetName, totalColumns: ["F"])
        let grids = try Self.workbook("police-tip-victims-2022.xlsx")
        let unconfirmed = try importer(profile).read(grids)
        #expect(unconfirmed.unknownValues.map(\.text) == ["Other / unknown"])
        let result = try importer(profile, aliases: ["CL_EXPLOITATION": ["Other / unknown": "_U"]]).read(grids)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.observations.count == 4 * 5 * 4)
        let q1 = result.observations.filter { $0.period.formatted == "2022-Q1" }
        #expect(q1.first { $0.key == ["SEXUAL", "F", "Y_GE18", "_U", "_U"] }?.value == 4)
        #expect(q1.first { $0.key == ["MARRIAGE", "F", "Y_LT18", "_U", "_U"] }?.value == 6)
    }

    @Test("Profiles travel as JSON with defaults for what is left out")
    func json() throws {
        let data = try JSONEncoder().encode(Self.homeAffairs)
        #expect(try JSONDecoder().decode(ImportProfile.self, from: data) == Self.homeAffairs)
        let minimal = #"{"datasetID":"LABOUR_MIGRATION","firstDataRow":2,"valueColumns":["F"],"dimensions":{"DESTINATION":{"column":"C"},"SECTOR":{"column":"D"},"SEX":{"fixed":"_T"}},"period":{"yearColumn":"A","subperiodColumn":"B"}}"#
        let decoded = try JSONDecoder().decode(ImportProfile.self, from: Data(minimal.utf8))
        #expect(decoded.blankCells == .skip)
        #expect(decoded.dimensions["SEX"] == .fixed("_T"))
        #expect(decoded.period == .yearAndSubperiod(yearColumn: "A", subperiodColumn: "B"))
    }

    @Test("A profile that leaves a dimension out or names a wrong one is refused before reading")
    func badProfile() throws {
        let profile = ImportProfile(datasetID: "LABOUR_MIGRATION", firstDataRow: 2, valueColumns: ["F", "9"],
                                    dimensions: ["DESTINATION": .column("C"), "COLOUR": .column("D")], period: .sheetName)
        let problems = try importer(profile).read([Grid(name: "x")]).problems
        #expect(problems.map(\.column) == ["SECTOR", "SEX", "COLOUR", "9"])
    }

    @Test("Periods in sheet names and titles", arguments: [
        ("December 2022", Frequency.monthly, "2022-12"), ("Dec 2022", .monthly, "2022-12"), ("Sept 2021", .monthly, "2021-09"),
        ("Q1 2022", .quarterly, "2022-Q1"), ("2022 Q3", .quarterly, "2022-Q3"), ("2022-Q4", .quarterly, "2022-Q4"),
        ("Arrivals by port - November 2022", .monthly, "2022-11"), ("Annual report 2021", .annual, "2021"),
    ])
    func periodText(text: String, frequency: Frequency, expected: String) {
        #expect(PeriodText.find(in: text, frequency: frequency)?.formatted == expected)
    }

    @Test("No period where none is named")
    func noPeriodText() {
        #expect(PeriodText.find(in: "Sheet1", frequency: .monthly) == nil)
        #expect(PeriodText.find(in: "Q5 2022", frequency: .quarterly) == nil)
        #expect(PeriodText.find(in: "2022", frequency: .monthly) == nil)
    }
}
