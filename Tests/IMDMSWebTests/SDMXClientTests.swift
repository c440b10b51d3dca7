import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import SQLKit
import Testing
import Vapor

/// Real SDMX clients from PyPI (`sdmx1`, `pysdmx`) read a running server: the dataflow list, a
/// data structure with its codelists, and data for a wildcard key over a period range; the
/// values they get equal the stored ones, read here straight from the database.
@Suite("SDMX REST read by sdmx1 and pysdmx")
struct SDMXClientTests {
    static let script = """
        import sys, json, warnings
        warnings.simplefilter("ignore")
        import sdmx
        from pysdmx.io import read_sdmx, get_datasets
        base, flow, start, end = sys.argv[1:5]
        out = {}
        sdmx.add_source({"id": "LS_BOS", "url": base + "/sdmx/2.1", "name": "IMDMS"}, override=True)
        client = sdmx.Client("LS_BOS")
        out["sdmx1_flows"] = sorted(client.dataflow().dataflow.keys())
        message = client.datastructure("DSD_" + flow)
        dsd = message.structure["DSD_" + flow]
        out["sdmx1_dimensions"] = [d.id for d in dsd.dimensions.components]
        out["sdmx1_codelists"] = {k: len(v) for k, v in message.codelist.items()}
        out["sdmx1_names"] = {"flow": dict(client.dataflow(flow).dataflow[flow].name.localizations),
                              "female": dict(message.codelist["CL_SEX"]["F"].name.localizations)}
        def pairs(series):
            result = {}
            for index, value in series.items():
                *key, period = index
                result[".".join(key) + " " + str(period)] = None if value != value else float(value)
            return result
        key = {"BORDER_POST": "MSB", "DIRECTION": "ARR"}
        params = {"startPeriod": start, "endPeriod": end}
        out["sdmx1_generic"] = pairs(sdmx.to_pandas(client.data(flow, key=key, params=params)))
        out["sdmx1_structurespecific"] = pairs(sdmx.to_pandas(client.data(flow, key=key, params=params, dsd=dsd)))
        flows = read_sdmx(base + "/sdmx/2.1/dataflow/LS_BOS/all/latest")
        out["pysdmx_flows"] = sorted(f.id for f in flows.get_dataflows())
        structure = read_sdmx(base + "/sdmx/2.1/datastructure/LS_BOS/DSD_" + flow + "/1.0?references=children")
        out["pysdmx_dimensions"] = [c.id for c in structure.get_data_structure_definitions()[0].components.dimensions]
        out["pysdmx_codelists"] = {c.id: len(c.codes) for c in structure.get_codelists()}
        out["pysdmx_female"] = [c.name for c in structure.get_codelists() if c.id == "CL_SEX"][0] and \
            [code.name for c in structure.get_codelists() if c.id == "CL_SEX" for code in c.codes if code.id == "F"][0]
        structure_url = base + "/sdmx/2.1/dataflow/LS_BOS/" + flow + "/1.0?references=all"
        dimensions = out["pysdmx_dimensions"][:-1]
        for name, url in [("pysdmx_csv", base + "/sdmx/2.1/data/" + flow + "/MSB.ARR....?format=csv&startPeriod=" + start + "&endPeriod=" + end),
                          ("pysdmx_v2_structurespecific", base + "/sdmx/v2/data/dataflow/LS_BOS/" + flow + "/1.0/MSB.ARR.*.*.*.*?format=structurespecificdata&c[TIME_PERIOD]=ge:" + start + "+le:" + end)]:
            frame = get_datasets(url, structure_url)[0].data
            out[name] = {".".join(str(row[d]) for d in dimensions) + " " + str(row["TIME_PERIOD"]): float(row["OBS_VALUE"])
                         for _, row in frame.iterrows()}
        print(json.dumps(out))
        """

    struct Row: Decodable { var series_key: String; var period: String; var value: Double }

    @Test("sdmx1 and pysdmx read flows, a structure with its codelists, and wildcard data equal to the stored values")
    func clients() async throws {
        guard Python.available(["sdmx", "pysdmx", "lxml"]) else { return }
        try await withIMDMSApp(.sqlite, demoYears: 2024...2024) { app, reference in
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            do {
                let port = try #require(app.http.server.shared.localAddress?.port)
                let output = try await Python.runDetached(Self.script, arguments: ["http://127.0.0.1:\(port)", "BORDER_CROSSINGS", "2024-02", "2024-04"])
                let read = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
                let flows = reference.structures.map(\.id).sorted()
                #expect(read["sdmx1_flows"] as? [String] == flows)
                #expect(read["pysdmx_flows"] as? [String] == flows)
                let structure = try #require(reference.structure("BORDER_CROSSINGS"))
                let dimensions = structure.dimensions.map(\.id) + ["TIME_PERIOD"]
                #expect(read["sdmx1_dimensions"] as? [String] == dimensions)
                #expect(read["pysdmx_dimensions"] as? [String] == dimensions)
                // Names in English and Sesotho (xml:lang), read by both clients.
                let names = read["sdmx1_names"] as? [String: [String: String]]
                #expect(names?["flow"] == ["en": "Border crossings", "st": "Ho tšela meeli"], "\(String(describing: names))")
                #expect(names?["female"] == ["en": "Female", "st": "Basali"], "\(String(describing: names))")
                #expect(read["pysdmx_female"] as? String == "Female", "pysdmx takes the English name")
                for dimension in structure.dimensions {
                    let count = try #require(reference.codelistsByID[dimension.codelistID]).codes.count
                    #expect((read["sdmx1_codelists"] as? [String: Int])?[dimension.codelistID] == count, "\(dimension.codelistID)")
                    #expect((read["pysdmx_codelists"] as? [String: Int])?[dimension.codelistID] == count, "\(dimension.codelistID)")
                }
                // The system's own values: the stored current observations, by SQL.
                let rows = try await app.imdms.store.sql.select()
                    .column(SQLColumn("series_key", table: "o")).column(SQLColumn("period", table: "o")).column(SQLColumn("value", table: "o"))
                    .from(SQLAlias(SQLIdentifier("observations"), as: SQLIdentifier("o")))
                    .join(SQLAlias(SQLIdentifier("submissions"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                          on: SQLColumn("id", table: "s"), .equal, SQLColumn("submission_id", table: "o"))
                    .where(SQLColumn("status", table: "s"), .equal, SQLBind("published"))
                    .where(SQLColumn("dataset_id", table: "o"), .equal, SQLBind("BORDER_CROSSINGS"))
                    .where(SQLColumn("k1", table: "o"), .equal, SQLBind("MSB")).where(SQLColumn("k2", table: "o"), .equal, SQLBind("ARR"))
                    .where(SQLColumn("period", table: "o"), .in, SQLBind.group(["2024-02", "2024-03", "2024-04"]))
                    .all(decoding: Row.self)
                let expected = Dictionary(uniqueKeysWithValues: rows.map { ("\($0.series_key) \($0.period)", $0.value) })
                #expect(expected.count > 100, "the demo year has Maseru Bridge arrivals: \(expected.count)")
                for reader in ["sdmx1_generic", "sdmx1_structurespecific", "pysdmx_csv", "pysdmx_v2_structurespecific"] {
                    let got = try #require(read[reader] as? [String: Double], "\(reader)")
                    #expect(got == expected, "\(reader): \(got.count) values, \(expected.count) stored")
                }
            } catch {
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
    }
}
