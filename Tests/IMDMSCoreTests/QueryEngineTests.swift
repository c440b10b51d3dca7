import Foundation
import IMDMSCore
import Testing

/// Small structures whose answers are worked out by hand in the comments.
@Suite("Query engine: frequencies, flows and stocks, mixed levels, hierarchy roll-up")
struct QueryEngineTests {
    static let area = try! Codelist(id: "CL_A", name: "Area", codes: [
        Code(id: "WORLD", name: "World"), Code(id: "LSO", name: "Lesotho", parentID: "WORLD"),
        Code(id: "FOREIGN", name: "Foreign", parentID: "WORLD"), Code(id: "ZAF", name: "South Africa", parentID: "FOREIGN"),
        Code(id: "MOZ", name: "Mozambique", parentID: "FOREIGN"), Code(id: "DEU", name: "Germany", parentID: "FOREIGN"),
        Code(id: "SADC", name: "SADC", memberIDs: ["LSO", "ZAF", "MOZ"]),
    ])
    static let sex = try! Codelist(id: "CL_S", name: "Sex", codes: [
        Code(id: "_T", name: "Total"), Code(id: "F", name: "Female", parentID: "_T"), Code(id: "M", name: "Male", parentID: "_T"),
    ])
    static let post = try! Codelist(id: "CL_P", name: "Post", codes: [
        Code(id: "_T", name: "All"), Code(id: "X", name: "Post X", parentID: "_T"), Code(id: "Y", name: "Post Y", parentID: "_T"),
    ])
    static let codelists = ["CL_A": area, "CL_S": sex, "CL_P": post]

    static func structure(_ kind: Measure.Kind, threshold: Int = 0) -> DataStructure {
        try! DataStructure(
            id: "T", name: "Test", dimensions: [DataDimension(id: "POST", name: "Post", codelistID: "CL_P"),
                                                DataDimension(id: "AREA", name: "Area", codelistID: "CL_A"),
                                                DataDimension(id: "SEX", name: "Sex", codelistID: "CL_S")],
            frequency: .monthly, measure: Measure(name: "People", unit: "persons", kind: kind), disclosureThreshold: threshold,
            organisationID: "O", metadata: DatasetMetadata(description: "", source: "test", contact: "", methodology: ""))
    }

    static func row(_ post: String, _ area: String, _ sex: String, _ period: String, _ value: Double) -> AggregateRow {
        AggregateRow(codes: [post, area, sex], period: try! Period(parsing: period), value: value, count: 1)
    }

    @Test("Mixed levels: a reported aggregate wins over its detail; detail is summed only where no aggregate exists")
    func mixedLevels() throws {
        // Post X reports FOREIGN = 100 only; post Y reports ZAF 60 and MOZ 30 (and no FOREIGN);
        // post Y also reports both SEX=_T (95) and F/M (50 + 45) for LSO: the _T must not be added again.
        let rows = [
            Self.row("X", "FOREIGN", "_T", "2022-01", 100),
            Self.row("Y", "ZAF", "_T", "2022-01", 60), Self.row("Y", "MOZ", "_T", "2022-01", 30),
            Self.row("Y", "LSO", "_T", "2022-01", 95), Self.row("Y", "LSO", "F", "2022-01", 50), Self.row("Y", "LSO", "M", "2022-01", 45),
        ]
        let engine = QueryEngine(structure: Self.structure(.flow), codelists: Self.codelists)
        let table = engine.evaluate(TableRequest(datasetID: "T", rowDimension: "AREA", columnDimension: "POST"), rows: rows)
        // Rows: LSO, FOREIGN (subtotal) with ZAF and MOZ below it.
        #expect(table.rows == [.init(code: "LSO", depth: 0), .init(code: "FOREIGN", depth: 0), .init(code: "ZAF", depth: 1), .init(code: "MOZ", depth: 1)])
        #expect(table.value(row: "FOREIGN", column: "X") == 100)
        #expect(table.value(row: "FOREIGN", column: "Y") == 90)   // 60 + 30
        #expect(table.rowTotal("FOREIGN") == 190)                // 100 + 90, not 100 + 60 + 30 + 90
        #expect(table.value(row: "LSO", column: "Y") == 95)       // _T wins over F + M
        #expect(table.columnTotal("Y") == 185)                    // 95 + 90
        #expect(table.grandTotal == 285)                          // 100 + 185
        #expect(table.value(row: "ZAF", column: "X") == nil)

        let bySex = engine.evaluate(TableRequest(datasetID: "T", rowDimension: "SEX"), rows: rows)
        #expect(bySex.rows.map(\.code) == ["_T", "F", "M"])
        #expect(bySex.value(row: "F", column: "_T") == 50)
        #expect(bySex.grandTotal == 285)

        let sadc = engine.evaluate(TableRequest(datasetID: "T", rowDimension: "AREA", rowCodes: ["SADC", "WORLD"]), rows: rows)
        #expect(sadc.value(row: "SADC", column: "_T") == 185)     // LSO 95 + ZAF 60 + MOZ 30; X's FOREIGN is not split
        #expect(sadc.value(row: "WORLD", column: "_T") == 285)
    }

    @Test("Flows are summed into quarters and years; stocks take the last period")
    func frequencies() throws {
        let rows = ["2022-01": 10.0, "2022-02": 20, "2022-03": 30, "2022-04": 40, "2022-11": 5].map { Self.row("X", "LSO", "F", $0.key, $0.value) }
        let flows = QueryEngine(structure: Self.structure(.flow), codelists: Self.codelists)
        let quarterly = flows.evaluate(TableRequest(datasetID: "T", rowDimension: TableRequest.timeDimension, frequency: .quarterly), rows: rows)
        #expect(quarterly.rowCodes == ["2022-Q1", "2022-Q2", "2022-Q4"])
        #expect(quarterly.value(row: "2022-Q1", column: "_T") == 60)
        #expect(quarterly.value(row: "2022-Q2", column: "_T") == 40)
        #expect(quarterly.grandTotal == 105)
        let annual = flows.evaluate(TableRequest(datasetID: "T", rowDimension: "SEX", frequency: .annual), rows: rows)
        #expect(annual.value(row: "F", column: "_T") == 105)

        let stocks = QueryEngine(structure: Self.structure(.stock), codelists: Self.codelists)
        let q = stocks.evaluate(TableRequest(datasetID: "T", rowDimension: TableRequest.timeDimension, frequency: .quarterly), rows: rows)
        #expect(q.value(row: "2022-Q1", column: "_T") == 30)      // March, the quarter's last month
        #expect(q.value(row: "2022-Q4", column: "_T") == 5)
        #expect(q.grandTotal == 5)                                 // over time: the last period, not a sum
        let latest = stocks.evaluate(TableRequest(datasetID: "T", rowDimension: "SEX"), rows: rows)
        #expect(latest.stockPeriod?.formatted == "2022-11")
        #expect(latest.value(row: "F", column: "_T") == 5)
    }

    @Test("Dimensions are summed in SQL only when they do not mix levels")
    func detailedDimensions() {
        let engine = QueryEngine(structure: Self.structure(.flow), codelists: Self.codelists)
        let request = TableRequest(datasetID: "T", rowDimension: "POST")
        #expect(engine.detailedDimensions(for: request, storedCodes: ["POST": ["X", "Y"], "AREA": ["ZAF", "MOZ"], "SEX": ["F", "M"]]) == ["POST"])
        #expect(engine.detailedDimensions(for: request, storedCodes: ["POST": ["X"], "AREA": ["ZAF", "FOREIGN"], "SEX": ["_T", "F"]]) == ["POST", "AREA", "SEX"])
        #expect(engine.expandedFilter("AREA", ["SADC"]) == ["SADC", "LSO", "ZAF", "MOZ"])
    }
}
