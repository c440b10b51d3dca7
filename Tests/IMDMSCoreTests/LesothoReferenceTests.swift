import IMDMSCore
import Testing

@Suite("Lesotho reference configuration")
struct LesothoReferenceTests {
    let reference: ReferenceConfiguration

    init() throws { reference = try ReferenceConfiguration.lesotho() }

    @Test("Has every dataset of the brief, each with known codelists and producer")
    func datasets() throws {
        #expect(reference.structures.map(\.id).sorted() == [
            "BORDER_CROSSINGS", "BORDER_CROSSINGS_DAILY", "DIASPORA", "LABOUR_MIGRATION", "MIGRANT_HEALTH", "MIGRANT_STOCK",
            "MIGRATION_FLOWS", "MIGRATION_GOVERNANCE", "REMITTANCES", "RETURNS", "TIP_VICTIMS", "VISITOR_STAYS", "WORK_PERMITS",
        ])
        try reference.validate()
        #expect(reference.structure("TIP_VICTIMS")?.disclosureThreshold == 3)
        #expect(reference.structure("DIASPORA")?.measure.kind == .stock)
        #expect(reference.structure("REMITTANCES")?.measure.unit == "LSL")
        #expect(reference.structure("LABOUR_MIGRATION")?.frequency == .quarterly)
        #expect(reference.structure("MIGRANT_HEALTH")?.dimensions.last?.codelistID == "CL_HEALTH_AGE")
        #expect(reference.structure("BORDER_CROSSINGS")?.dimensions.map(\.id) == ["BORDER_POST", "DIRECTION", "CITIZENSHIP", "SEX", "AGE", "PURPOSE"])
    }

    @Test("Countries: ISO alpha-3 under WORLD, Lesotho beside FOREIGN, SADC as a group")
    func countries() throws {
        let area = try #require(reference.codelistsByID["CL_AREA"])
        #expect(area.leaves.count == 250, "249 countries and _U")
        #expect(area["_U"]?.parentID == "WORLD")
        #expect(area["LSO"]?.parentID == "WORLD")
        #expect(area["ZAF"]?.parentID == "FOREIGN")
        #expect(area["FOREIGN"]?.parentID == "WORLD")
        #expect(area["SADC"]?.memberIDs.count == 16)
        #expect(area.leaves(of: "FOREIGN").count == 248)
        #expect(area.leaves(of: "R_SOUTHERN_AFRICA").sorted() == ["BWA", "LSO", "NAM", "SWZ", "ZAF"])
        let matcher = CodeMatcher(codelist: area)
        #expect(matcher.match("RSA") == "ZAF")
        #expect(matcher.match("Swaziland") == "SWZ")
        #expect(matcher.match("Basotho") == "LSO")
        #expect(matcher.match("Foreigners") == "FOREIGN")
        #expect(matcher.match("Côte d'Ivoire") == "CIV")
    }

    @Test("Border posts and districts come from the shipped files")
    func localLists() throws {
        let posts = try #require(reference.codelistsByID["CL_BORDER_POST"])
        #expect(posts.leaves.count == 16)
        #expect(CodeMatcher(codelist: posts).match("Ficksburg Bridge") == "MPT")
        #expect(CodeMatcher(codelist: posts).match("maseru bridge") == "MSB")
        let districts = try #require(reference.codelistsByID["CL_DISTRICT"])
        #expect(districts.leaves.map(\.id) == ["LS-A", "LS-B", "LS-C", "LS-D", "LS-E", "LS-F", "LS-G", "LS-H", "LS-J", "LS-K"])
        #expect(districts["LS-A"]?.name == "Maseru")
    }

    @Test("Standard codelists use SDMX codes")
    func standard() throws {
        let sex = try #require(reference.codelistsByID["CL_SEX"])
        #expect(sex.codes.map(\.id) == ["_T", "F", "M", "_U"])
        let age = try #require(reference.codelistsByID["CL_AGE"])
        #expect(age.codes.map(\.id).contains("Y_GE65"))
        let isic = try #require(reference.codelistsByID["CL_ISIC4"])
        #expect(CodeMatcher(codelist: isic).match("Mining") == "B")
        #expect(CodeMatcher(codelist: isic).match("Domestic work") == "T")
    }
}
