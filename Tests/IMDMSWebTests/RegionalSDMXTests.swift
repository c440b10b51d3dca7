import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import Vapor

/// The SADC profile's dataflows served from Lesotho's data (D71), read by sdmx1 and pysdmx, each
/// value equal to a sum over Lesotho's own published SDMX-CSV message made here by hand.
@Suite("Regional dataflows")
struct RegionalSDMXTests {
    static let script = """
        import sys, json, warnings
        warnings.simplefilter("ignore")
        import sdmx
        from pysdmx.io import read_sdmx, get_datasets
        base, flow, start, end = sys.argv[1:5]
        out = {}
        sdmx.add_source({"id": "SADC", "url": base + "/sdmx/2.1", "name": "IMDMS, regional"}, override=True)
        client = sdmx.Client("SADC")
        out["sdmx1_flows"] = sorted(client.dataflow().dataflow.keys())
        message = client.datastructure("DSD_" + flow)
        dsd = message.structure["DSD_" + flow]
        out["sdmx1_agency"] = str(dsd.maintainer.id)
        out["sdmx1_dimensions"] = [d.id for d in dsd.dimensions.components]
        out["sdmx1_codelists"] = {k: len(v) for k, v in message.codelist.items()}
        data = client.data(flow, key={"REF_AREA": "LSO", "DIRECTION": "DEP"}, params={"startPeriod": start, "endPeriod": end}, dsd=dsd)
        out["sdmx1_data"] = {".".join(k[:-1]) + " " + str(k[-1]): float(v) for k, v in sdmx.to_pandas(data).items()}
        flows = read_sdmx(base + "/sdmx/2.1/dataflow/SADC/all/latest")
        out["pysdmx_flows"] = sorted(f.id for f in flows.get_dataflows())
        structure = read_sdmx(base + "/sdmx/2.1/datastructure/SADC/DSD_" + flow + "/1.0?references=children")
        out["pysdmx_dimensions"] = [c.id for c in structure.get_data_structure_definitions()[0].components.dimensions]
        out["pysdmx_codelists"] = {c.id: len(c.codes) for c in structure.get_codelists()}
        frame = get_datasets(base + "/sdmx/2.1/data/SADC," + flow + ",1.0/LSO.DEP..?format=csv&startPeriod=" + start + "&endPeriod=" + end,
                             base + "/sdmx/2.1/dataflow/SADC/" + flow + "/1.0?references=all")[0].data
        out["pysdmx_data"] = {".".join(str(row[d]) for d in ["REF_AREA", "DIRECTION", "CITIZENSHIP", "SEX"]) + " " + str(row["TIME_PERIOD"]): float(row["OBS_VALUE"])
                              for _, row in frame.iterrows()}
        print(json.dumps(out))
        """

    /// Lesotho's departures by hand: its own published SDMX-CSV, each citizenship and sex mapped as
    /// `regional.json` says (SADC members as themselves, the rest OTH), ports, ages and purposes added up.
    static func expected(_ csv: String) throws -> [String: Double] {
        let records = try CSVReader(delimiter: UInt8(ascii: ",")).records(in: Array(csv.utf8)).map(\.fields)
        let header = try #require(records.first)
        let column = { (name: String) throws -> Int in try #require(header.firstIndex(of: name)) }
        let (citizenship, sex, period, value) = (try column("CITIZENSHIP"), try column("SEX"), try column("TIME_PERIOD"), try column("OBS_VALUE"))
        let members: Set<String> = ["AGO", "BWA", "COM", "COD", "SWZ", "LSO", "MDG", "MWI", "MUS", "MOZ", "NAM", "SYC", "ZAF", "TZA", "ZMB", "ZWE", "_U"]
        var sums: [String: Double] = [:]
        for fields in records.dropFirst() where fields.count == header.count {
            let area = members.contains(fields[citizenship]) ? fields[citizenship] : "OTH"
            let sexCode = ["F", "M"].contains(fields[sex]) ? fields[sex] : "_U"
            sums["LSO.DEP.\(area).\(sexCode) \(fields[period])", default: 0] += Double(fields[value]) ?? 0
        }
        return sums
    }

    @Test("sdmx1 and pysdmx read the SADC dataflows, their structure under the SADC agency, and data equal to Lesotho's own sums")
    func clients() async throws {
        guard Python.available(["sdmx", "pysdmx", "lxml"]) else { return }
        try await withIMDMSApp(.sqlite, demoYears: 2024...2024) { app, _ in
            try await ExchangeTests.serving(app) { port in
                let national = try await app.client.get(URI(string: "http://127.0.0.1:\(port)/sdmx/2.1/data/BORDER_CROSSINGS/.DEP....?format=csv&startPeriod=2024-02&endPeriod=2024-03"))
                let expected = try Self.expected(String(buffer: try #require(national.body)))
                #expect(expected.count > 20 && expected.keys.contains("LSO.DEP.OTH.F 2024-02") && expected.keys.contains("LSO.DEP.ZAF.M 2024-03"), "\(expected.keys.sorted().prefix(5))")
                let output = try await Python.runDetached(Self.script, arguments: ["http://127.0.0.1:\(port)", "SADC_BORDER_CROSSINGS", "2024-02", "2024-03"])
                let read = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
                let flows = ["SADC_BORDER_CROSSINGS", "SADC_MIGRATION_FLOWS"]
                #expect(read["sdmx1_flows"] as? [String] == flows && read["pysdmx_flows"] as? [String] == flows, "\(read)")
                #expect(read["sdmx1_agency"] as? String == "SADC")
                let dimensions = ["REF_AREA", "DIRECTION", "CITIZENSHIP", "SEX", "TIME_PERIOD"]
                #expect(read["sdmx1_dimensions"] as? [String] == dimensions && read["pysdmx_dimensions"] as? [String] == dimensions)
                for reader in ["sdmx1_codelists", "pysdmx_codelists"] {
                    let lists = read[reader] as? [String: Int]
                    #expect(lists?["CL_AREA"] == 20 && lists?["CL_SEX"] == 4 && lists?["CL_DIRECTION"] == 3, "\(reader): \(String(describing: lists))")
                }
                for reader in ["sdmx1_data", "pysdmx_data"] {
                    #expect(read[reader] as? [String: Double] == expected, "\(reader): \((read[reader] as? [String: Double])?.count ?? 0) values, \(expected.count) by hand")
                }
            }
        }
    }
}
