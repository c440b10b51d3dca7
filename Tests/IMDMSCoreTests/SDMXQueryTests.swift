import Foundation
import IMDMSCore
import Testing

@Suite("SDMX: query parsing and format negotiation")
struct SDMXQueryTests {
    static let reference = try! ReferenceConfiguration.lesotho()
    static var victims: DataStructure { reference.structure("TIP_VICTIMS")! }

    @Test("2.1 keys: empty positions and * are wildcards, + separates alternatives, all means everything")
    func keys() throws {
        let q = try SDMXDataQuery(structure: Self.victims, key: "SEXUAL+LABOUR..*..ZAF", parameters: [:])
        #expect(q.key == [["SEXUAL", "LABOUR"], nil, nil, nil, ["ZAF"]])
        #expect(try SDMXDataQuery(structure: Self.victims, key: "all", parameters: [:]).key == Array(repeating: nil, count: 5))
        #expect(throws: SDMXError.semantic("key 'A.B' has 2 positions; TIP_VICTIMS has 5 dimensions: EXPLOITATION.SEX.AGE.CITIZENSHIP.EXPLOITATION_COUNTRY")) {
            try SDMXDataQuery(structure: Self.victims, key: "A.B", parameters: [:])
        }
    }

    @Test("Periods bound by their first and last days; bad values are named")
    func periods() throws {
        let q = try SDMXDataQuery(structure: Self.victims, key: nil, parameters: ["startPeriod": "2022-Q2", "endPeriod": "2023"])
        #expect(q.startDate == "2022-04-01" && q.endDate == "2023-12-31")
        let error = #expect(throws: SDMXError.self) { try SDMXDataQuery(structure: Self.victims, key: nil, parameters: ["startPeriod": "22Q1"]) }
        #expect(error?.httpStatus == 400 && error?.message.hasPrefix("startPeriod=22Q1:") == true)
        let updated = try SDMXDataQuery(structure: Self.victims, key: nil, parameters: ["updatedAfter": "2026-01-31T10:00:00 02:00"])
        #expect(updated.updatedAfter == ISO8601DateFormatter().date(from: "2026-01-31T08:00:00Z"), "an unencoded + arrives as a space")
        #expect(throws: SDMXError.self) { try SDMXDataQuery(structure: Self.victims, key: nil, parameters: ["lastNObservations": "0"]) }
    }

    @Test("2.x component filters: codes by comma, time by ge/le, unknown components named")
    func filters() throws {
        let q = try SDMXDataQuery(structure: Self.victims, key: "*.*.*.*.*", parameters: [:],
                                  filters: ["SEX": "F,M", "TIME_PERIOD": "ge:2022-Q3+le:2022-Q4"])
        #expect(q.key[1] == ["F", "M"] && q.key[0] == nil)
        #expect(q.startDate == "2022-07-01" && q.endDate == "2022-12-31")
        #expect(throws: SDMXError.self) { try SDMXDataQuery(structure: Self.victims, key: nil, parameters: [:], filters: ["COLOUR": "red"]) }
    }

    @Test("dimensionAtObservation: time and AllDimensions; another dimension is not implemented (501)")
    func atObservation() throws {
        #expect(try SDMXDataQuery(structure: Self.victims, key: nil, parameters: ["dimensionAtObservation": "AllDimensions"]).dimensionAtObservation == "AllDimensions")
        let error = #expect(throws: SDMXError.self) { try SDMXDataQuery(structure: Self.victims, key: nil, parameters: ["dimensionAtObservation": "SEX"]) }
        #expect(error?.httpStatus == 501)
    }

    @Test("Formats: the format parameter wins, Accept by quality, defaults per API, 406 for the rest")
    func negotiation() throws {
        #expect(try SDMXFormat.data(accept: nil, format: nil, api: .v21) == .genericData21)
        #expect(try SDMXFormat.data(accept: nil, format: nil, api: .v2) == .json20)
        #expect(try SDMXFormat.data(accept: "application/vnd.sdmx.structurespecificdata+xml;version=2.1", format: nil, api: .v21) == .structureSpecificData21)
        #expect(try SDMXFormat.data(accept: "application/vnd.sdmx.data+csv;version=2.0.0", format: nil, api: .v21) == .csv20)
        #expect(try SDMXFormat.data(accept: "text/html;q=0.9, application/vnd.sdmx.data+json;version=1.0.0", format: nil, api: .v21) == .json10)
        #expect(try SDMXFormat.data(accept: "application/pdf", format: "csv", api: .v2) == .csv20)
        #expect(try SDMXFormat.data(accept: "*/*", format: nil, api: .v21) == .genericData21)
        #expect(throws: SDMXError.self) { try SDMXFormat.data(accept: "application/pdf", format: nil, api: .v21) }
        #expect(throws: SDMXError.self) { try SDMXFormat.data(accept: nil, format: "excel", api: .v21) }
        #expect(try SDMXFormat.structure(accept: "application/xml", format: nil) == .structure21)
        #expect((try? SDMXFormat.structure(accept: "application/vnd.sdmx.structure+json", format: nil)) == nil)
    }

    @Test("Structure queries: references bring children and parents; unknown ids are 404, other SDMX types 501")
    func structures() throws {
        let artefacts = SDMXArtefacts(agencyID: "LS_BOS", structures: Self.reference.structures, codelists: Self.reference.codelistsByID)
        let flow = try SDMXStructureSelection(SDMXStructureQuery(resource: .dataflow, agencyID: "LS_BOS", id: "TIP_VICTIMS", references: "all"), in: artefacts)
        #expect(flow.dataflows.map(\.id) == ["TIP_VICTIMS"] && flow.dataStructures.map(\.id) == ["TIP_VICTIMS"])
        #expect(flow.codelistIDs == ["CL_EXPLOITATION", "CL_SEX", "CL_CHILD_ADULT", "CL_AREA", "CL_OBS_STATUS", "CL_CONF_STATUS"] && flow.conceptScheme)
        let list = try SDMXStructureSelection(SDMXStructureQuery(resource: .codelist, id: "CL_EXPLOITATION", references: "parents"), in: artefacts)
        #expect(list.dataStructures.map(\.id) == ["TIP_VICTIMS"] && list.dataflows.isEmpty)
        #expect(throws: SDMXError.noResults("No dataflow matches agency OTHER, id all, version latest")) {
            try SDMXStructureSelection(SDMXStructureQuery(resource: .dataflow, agencyID: "OTHER"), in: artefacts)
        }
        let error = #expect(throws: SDMXError.self) { try SDMXStructureQuery(type: "categoryscheme", agencyID: nil, id: nil, version: nil, parameters: [:]) }
        #expect(error?.httpStatus == 501)
    }
}
