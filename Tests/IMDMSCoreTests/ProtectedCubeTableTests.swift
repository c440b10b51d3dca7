import Foundation
import IMDMSCore
import Testing

@Suite("Protected cube: its tables are the query engine's tables (nothing withheld without a threshold)")
struct ProtectedCubeTableTests {
    static let reference = try! ReferenceConfiguration.lesotho()

    /// The demo data of one dataset over two years.
    static func observations(_ datasetID: String) -> [Observation] {
        DemoDataGenerator(reference: reference, years: 2023...2024).observations(for: datasetID)
    }

    /// What `TableReader` hands the engine: the observations in the range and filters, unsummed.
    static func engineTable(_ request: TableRequest, _ structure: DataStructure, _ observations: [Observation]) -> TableResult {
        let engine = QueryEngine(structure: structure, codelists: reference.codelistsByID)
        let rows = observations.filter { o in
            (request.startPeriod.map { $0.startDate <= o.period.startDate } ?? true) && (request.endPeriod.map { o.period.endDate <= $0.endDate } ?? true)
                && request.filters.allSatisfy { dimension, codes in
                    codes.isEmpty || engine.expandedFilter(dimension, codes).contains(o.key[structure.position(of: dimension)!])
                }
        }.map { AggregateRow(codes: $0.key, period: $0.period, value: $0.value ?? 0, count: 1) }
        return engine.evaluate(request, rows: rows)
    }

    static func requests(_ structure: DataStructure, _ observations: [Observation]) throws -> [TableRequest] {
        let ids = structure.dimensions.map(\.id)
        let codes = ids.indices.map { i in Array(Set(observations.map { $0.key[i] })).sorted() }
        let q = structure.frequency
        let first = observations.map(\.period).min()!, last = observations.map(\.period).max()!
        var result: [TableRequest] = []
        let ranges: [(Period?, Period?, Frequency?)] = [(nil, nil, nil), (first, first, nil), (try? Period.first(ofYear: last.year, frequency: q), last, .annual),
                                                        (first, last, q == .monthly ? .quarterly : nil)]
        for (start, end, frequency) in ranges {
            for (i, row) in ids.enumerated() {
                result.append(TableRequest(datasetID: structure.id, rowDimension: row, startPeriod: start, endPeriod: end, frequency: frequency))
                result.append(TableRequest(datasetID: structure.id, rowDimension: TableRequest.timeDimension, columnDimension: row, startPeriod: start, endPeriod: end, frequency: frequency))
                for (j, column) in ids.enumerated() where j != i {
                    result.append(TableRequest(datasetID: structure.id, rowDimension: row, columnDimension: column, startPeriod: start, endPeriod: end, frequency: frequency))
                    let other = ids.indices.first { $0 != i && $0 != j }
                    if let other, codes[other].count > 1 {
                        result.append(TableRequest(datasetID: structure.id, rowDimension: row, columnDimension: column, filters: [ids[other]: [codes[other][0]]],
                                                   startPeriod: start, endPeriod: end, frequency: frequency))
                        result.append(TableRequest(datasetID: structure.id, rowDimension: row, columnDimension: column, filters: [ids[other]: Array(codes[other].prefix(2))],
                                                   startPeriod: start, endPeriod: end, frequency: frequency))
                    }
                }
                if codes[i].count > 1 {
                    result.append(TableRequest(datasetID: structure.id, rowDimension: row, filters: [row: Array(codes[i].prefix(2))], startPeriod: start, endPeriod: end))
                }
            }
        }
        if let area = structure.dimensions.firstIndex(where: { $0.codelistID == "CL_AREA" }) {
            result.append(TableRequest(datasetID: structure.id, rowDimension: ids[area], rowCodes: ["SADC", "WORLD", "FOREIGN"]))
            result.append(TableRequest(datasetID: structure.id, rowDimension: ids[0 == area ? 1 : 0], filters: [ids[area]: ["SADC"]]))
        }
        return result
    }

    static func same(_ a: TableResult, _ b: TableResult) -> Bool {
        func values(_ t: TableResult) -> [String: Double?] {
            var result: [String: Double?] = [:]
            for c in t.cells { result["\(c.row)|\(c.column)"] = c.value }
            for (k, c) in t.rowTotals { result["\(k)|T"] = c.value }
            for (k, c) in t.columnTotals { result["T|\(k)"] = c.value }
            result["grand"] = t.grand?.value
            return result
        }
        return a.rows == b.rows && a.columns == b.columns && values(a) == values(b) && a.stockPeriod == b.stockPeriod
    }

    @Test("Every one- and two-way table, filtered or not, by month, quarter and year", arguments: ["TIP_VICTIMS", "RETURNS", "MIGRANT_STOCK", "WORK_PERMITS", "DIASPORA", "MIGRATION_FLOWS"])
    func sameAsEngine(datasetID: String) throws {
        let structure = Self.reference.structure(datasetID)!
        let observations = datasetID == "MIGRANT_STOCK" ? DemoDataGenerator(reference: Self.reference, years: 2015...2025).observations(for: datasetID) : Self.observations(datasetID)
        let cube = ProtectedCube(structure: structure, codelists: Self.reference.codelistsByID, threshold: 0, observations: observations)
        var checked = 0
        for request in try Self.requests(structure, observations) {
            let fromCube = cube.table(request), fromEngine = Self.engineTable(request, structure, observations)
            #expect(Self.same(fromCube, fromEngine), "\(request)\ncube:   \(fromCube.rows) \(fromCube.grand?.value ?? -1)\nengine: \(fromEngine.rows) \(fromEngine.grand?.value ?? -1)")
            if !Self.same(fromCube, fromEngine) { break }
            checked += 1
        }
        print("checked \(datasetID) \(checked)")
        #expect(checked > 20)
        #expect(cube.size.withheld == 0)
    }

    @Test("Mixed levels: an aggregate reported beside its detail wins in its own cell, detail counts elsewhere")
    func mixedLevels() throws {
        let structure = QueryEngineTests.structure(.flow)
        let month = try Period(parsing: "2022-01")
        let data: [([String], Double)] = [(["X", "FOREIGN", "_T"], 100), (["Y", "ZAF", "_T"], 60), (["Y", "MOZ", "_T"], 30),
                                          (["Y", "LSO", "_T"], 95), (["Y", "LSO", "F"], 50), (["Y", "LSO", "M"], 45)]
        let observations = data.map { Observation(key: $0.0, period: month, value: $0.1) }
        let cube = ProtectedCube(structure: structure, codelists: QueryEngineTests.codelists, threshold: 0, observations: observations)
        let table = cube.table(TableRequest(datasetID: "T", rowDimension: "AREA", columnDimension: "POST"))
        #expect(table.rows == [.init(code: "LSO", depth: 0), .init(code: "FOREIGN", depth: 0), .init(code: "ZAF", depth: 1), .init(code: "MOZ", depth: 1)])
        #expect(table.value(row: "FOREIGN", column: "X") == 100)
        #expect(table.value(row: "FOREIGN", column: "Y") == 90)
        #expect(table.rowTotal("FOREIGN") == 190)
        #expect(table.value(row: "LSO", column: "Y") == 95, "_T reported beside F and M is not added to them")
        #expect(table.grandTotal == 285)
        let bySex = cube.table(TableRequest(datasetID: "T", rowDimension: "SEX"))
        #expect(bySex.value(row: "F", column: "_T") == 50)
        #expect(bySex.grandTotal == 285)
    }
}
