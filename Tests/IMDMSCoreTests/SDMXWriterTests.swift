import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import IMDMSCore
import Testing

@Suite("SDMX: messages in every format")
struct SDMXWriterTests {
    static let reference = try! ReferenceConfiguration.lesotho()
    static var victims: DataStructure { reference.structure("TIP_VICTIMS")! }

    static func message(_ parameters: [String: String] = [:]) throws -> SDMXDataMessage {
        let q4 = try Period(parsing: "2022-Q4"), q3 = try Period(parsing: "2022-Q3")
        let observations = [
            Observation(key: ["SEXUAL", "F", "Y_GE18", "LSO", "ZAF"], period: q4, value: 12),
            Observation(key: ["SEXUAL", "F", "Y_GE18", "LSO", "ZAF"], period: q3, value: 10),
            Observation(key: ["LABOUR", "M", "Y_GE18", "LSO", "ZAF"], period: q4, value: nil, status: .suppressed, confidentiality: .primary),
        ]
        return SDMXDataMessage(structure: victims, agencyID: "LS_BOS", codelists: reference.codelistsByID, observations: observations,
                               query: try SDMXDataQuery(structure: victims, key: nil, parameters: parameters), id: "T1",
                               prepared: Date(timeIntervalSince1970: 0))
    }

    @Test("Observations in storage order (one pass) and in any other order write the same message")
    func orderDoesNotMatter() throws {
        let reference = try Self.message()
        let inOrder = reference.series.flatMap(\.observations)
        for observations in [inOrder, inOrder.reversed(), [inOrder[1], inOrder[2], inOrder[0]]] {
            let message = SDMXDataMessage(structure: Self.victims, agencyID: "LS_BOS", codelists: Self.reference.codelistsByID,
                                          observations: observations, query: reference.query, id: "T1", prepared: reference.prepared)
            for format in [SDMXFormat.genericData21, .structureSpecificData21, .csv10, .json10, .json20] {
                #expect(SDMXDataWriter.write(message, as: format) == SDMXDataWriter.write(reference, as: format))
            }
        }
        #expect(inOrder.map(\.key.first) == ["LABOUR", "SEXUAL", "SEXUAL"])
    }

    @Test("SDMX-JSON written in two halves on two cores is the message written in one, in series and flat, 1.0 and 2.0")
    func jsonInHalves() throws {
        for parameters in [[:], ["dimensionAtObservation": "AllDimensions"], ["detail": "serieskeysonly"]] {
            let message = try Self.message(parameters)
            #expect(message.series.count == 2)
            for version in [1, 2] {
                let halves = SDMXJSONDataWriter.write(message, version: version, parallelAbove: 0)
                #expect(halves == SDMXJSONDataWriter.write(message, version: version, parallelAbove: .max), "\(parameters) \(version)")
                #expect((try? JSONSerialization.jsonObject(with: Data(halves.utf8))) != nil, "valid JSON")
            }
        }
    }

    /// Well-formed XML: Foundation's parser reads it to the end.
    static func wellFormed(_ text: String) -> Bool { XMLParser(data: Data(text.utf8)).parse() }

    @Test("GenericData and StructureSpecificData: series in key order, periods in order, withheld values NaN")
    func xml() throws {
        let generic = SDMXDataWriter.write(try Self.message(), as: .genericData21)
        #expect(Self.wellFormed(generic))
        #expect(generic.contains("<generic:Series><generic:SeriesKey><generic:Value id=\"EXPLOITATION\" value=\"LABOUR\"/>"))
        #expect(generic.range(of: "value=\"2022-Q3\"")!.lowerBound < generic.range(of: "<generic:ObsValue value=\"12\"/>")!.lowerBound)
        #expect(generic.contains("<generic:ObsValue value=\"NaN\"/><generic:Attributes><generic:Value id=\"OBS_STATUS\" value=\"Q\"/><generic:Value id=\"CONF_STATUS\" value=\"A\"/>"))
        let ss = SDMXDataWriter.write(try Self.message(["dimensionAtObservation": "AllDimensions"]), as: .structureSpecificData21)
        #expect(Self.wellFormed(ss))
        #expect(ss.contains("ObsLevelDim:AllDimensions"))
        #expect(ss.contains("<Obs EXPLOITATION=\"SEXUAL\" SEX=\"F\" AGE=\"Y_GE18\" CITIZENSHIP=\"LSO\" EXPLOITATION_COUNTRY=\"ZAF\" TIME_PERIOD=\"2022-Q4\" OBS_VALUE=\"12\" OBS_STATUS=\"A\" CONF_STATUS=\"F\"/>"))
    }

    @Test("SDMX-CSV 1.0 and 2.0, and what detail leaves out")
    func csv() throws {
        let v1 = SDMXDataWriter.write(try Self.message(), as: .csv10)
        #expect(v1.hasPrefix("DATAFLOW,EXPLOITATION,SEX,AGE,CITIZENSHIP,EXPLOITATION_COUNTRY,TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS\r\n"))
        #expect(v1.contains("LS_BOS:TIP_VICTIMS(1.0),LABOUR,M,Y_GE18,LSO,ZAF,2022-Q4,,Q,A\r\n"))
        let v2 = SDMXDataWriter.write(try Self.message(["detail": "dataonly"]), as: .csv20)
        #expect(v2.hasPrefix("STRUCTURE,STRUCTURE_ID,ACTION,EXPLOITATION,SEX,AGE,CITIZENSHIP,EXPLOITATION_COUNTRY,TIME_PERIOD,OBS_VALUE\r\n"))
        #expect(v2.contains("dataflow,LS_BOS:TIP_VICTIMS(1.0),I,SEXUAL,F,Y_GE18,LSO,ZAF,2022-Q3,10\r\n"))
        let keys = SDMXDataWriter.write(try Self.message(["detail": "serieskeysonly"]), as: .csv10)
        #expect(keys.split(separator: "\r\n").count == 3, "header and two series")
    }

    @Test("SDMX-JSON 1.0 and 2.0 decode, and their indices point at the right codes")
    func json() throws {
        for format in [SDMXFormat.json10, .json20] {
            let text = SDMXDataWriter.write(try Self.message(["firstNObservations": "1"]), as: format)
            let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let data = format == .json10 ? root : try #require(root["data"] as? [String: Any])
            let structure = try #require(format == .json10 ? data["structure"] as? [String: Any] : (data["structures"] as? [[String: Any]])?.first)
            let dimensions = try #require(structure["dimensions"] as? [String: Any])
            let series = try #require(dimensions["series"] as? [[String: Any]])
            let exploitation = try #require(series.first?["values"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            #expect(exploitation == ["SEXUAL", "LABOUR"], "codelist order, codes present only")
            let sets = try #require(data["dataSets"] as? [[String: Any]])
            let all = try #require(sets.first?["series"] as? [String: [String: Any]])
            let sexual = try #require(all["0:0:0:0:0"]?["observations"] as? [String: [Any]])
            #expect(sexual.count == 1, "firstNObservations=1")
            #expect((sexual["0"]?.first as? Double) == 10, "the first period is 2022-Q3")
            let labour = try #require(all["1:1:0:0:0"]?["observations"] as? [String: [Any]])
            #expect(labour["1"]?.first is NSNull, "withheld: null")
        }
    }

    @Test("Structure messages: well-formed, DSD with dimensions, time, attributes and measure; codes with parents; stubs")
    func structure() throws {
        let artefacts = SDMXArtefacts(agencyID: "LS_BOS", structures: Self.reference.structures, codelists: Self.reference.codelistsByID)
        let writer = SDMXStructureWriter(artefacts: artefacts, baseURL: "http://x/sdmx/2.1")
        let full = writer.write(try SDMXStructureSelection(SDMXStructureQuery(resource: .dataflow, id: "TIP_VICTIMS", references: "all"), in: artefacts))
        #expect(Self.wellFormed(full))
        #expect(full.contains("<str:Dimension id=\"SEX\" position=\"2\">"))
        #expect(full.contains("<str:TimeDimension id=\"TIME_PERIOD\" position=\"6\">"))
        #expect(full.contains("<str:Code id=\"F\" urn=\"urn:sdmx:org.sdmx.infomodel.codelist.Code=LS_BOS:CL_SEX(1.0).F\"><com:Name xml:lang=\"en\">Female</com:Name><str:Parent><Ref id=\"_T\"/></str:Parent></str:Code>"))
        let stubs = writer.write(try SDMXStructureSelection(SDMXStructureQuery(resource: .codelist, id: "CL_SEX", detail: .allstubs), in: artefacts))
        #expect(stubs.contains("isExternalReference=\"true\" structureURL=\"http://x/sdmx/2.1/codelist/LS_BOS/CL_SEX/1.0\"") && !stubs.contains("<str:Code "))
    }

    @Test("Error messages in SDMX-ML and SDMX-JSON")
    func errors() throws {
        let error = SDMXError.noResults("No data of <X> matches")
        #expect(Self.wellFormed(error.xml) && error.xml.contains("code=\"100\"") && error.xml.contains("No data of &lt;X&gt; matches"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(error.json.utf8)) as? [String: [[String: Any]]])
        #expect(json["errors"]?.first?["code"] as? Int == 100)
    }
}
