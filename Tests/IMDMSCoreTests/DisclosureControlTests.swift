import Foundation
import IMDMSCore
import Testing

@Suite("Disclosure control: small cells withheld, and none recoverable from the margins")
struct DisclosureControlTests {
    /// A table from a grid of values: rows r0…, columns c0…, margins the sums.
    static func table(_ grid: [[Double]], columns: Bool = true) -> TableResult {
        let rows = grid.indices.map { "r\($0)" }, cols = columns ? grid[0].indices.map { "c\($0)" } : [TableResult.totalColumn]
        var cells: [TableResult.Cell] = []
        for (i, row) in grid.enumerated() { for (j, v) in row.enumerated() { cells.append(.init(row: rows[i], column: cols[j], value: v, observationCount: 1)) } }
        var rowTotals: [String: TableResult.Cell] = [:], columnTotals: [String: TableResult.Cell] = [:]
        for (i, row) in grid.enumerated() { rowTotals[rows[i]] = .init(row: rows[i], column: TableResult.totalCode, value: row.reduce(0, +), observationCount: 1) }
        for (j, c) in cols.enumerated() { columnTotals[c] = .init(row: TableResult.totalCode, column: c, value: grid.map { $0[j] }.reduce(0, +), observationCount: 1) }
        let request = TableRequest(datasetID: "T", rowDimension: "R", columnDimension: columns ? "C" : nil)
        return TableResult(request: request, rows: rows.map { .init(code: $0, depth: 0) }, columns: cols.map { .init(code: $0, depth: 0) },
                           cells: cells, rowTotals: columns ? rowTotals : Dictionary(uniqueKeysWithValues: cells.map { ($0.row, $0) }),
                           columnTotals: columnTotals, grand: .init(row: TableResult.totalCode, column: TableResult.totalCode,
                                                                     value: grid.flatMap { $0 }.reduce(0, +), observationCount: 1))
    }

    /// Every row and column (margins included) has zero or at least two withheld cells, so no
    /// withheld value is the difference between a shown total and shown cells.
    static func noneRecoverable(_ t: TableResult) -> Bool {
        let hasColumns = t.request.columnDimension != nil
        for row in t.rowCodes where hasColumns {
            let line = t.columnCodes.compactMap { t.cell(row: row, column: $0) } + (hasColumns ? [t.rowTotals[row]].compactMap { $0 } : [])
            if line.filter(\.isWithheld).count == 1 { return false }
        }
        for column in t.columnCodes {
            let line = t.rowCodes.compactMap { t.cell(row: $0, column: column) } + [t.columnTotals[column]].compactMap { $0 }
            if line.filter(\.isWithheld).count == 1 { return false }
        }
        if hasColumns {
            let totals = t.rowCodes.compactMap { t.rowTotals[$0] } + [t.grand].compactMap { $0 }
            if totals.filter(\.isWithheld).count == 1 { return false }
            let bottom = t.columnCodes.compactMap { t.columnTotals[$0] } + [t.grand].compactMap { $0 }
            if bottom.filter(\.isWithheld).count == 1 { return false }
        }
        return true
    }

    @Test("One small cell: primary, and secondary cells complete its row and column")
    func oneSmallCell() {
        // c0 c1 c2 ; the 2 is under the threshold 3.
        let t = DisclosureControl(threshold: 3).apply(to: Self.table([[2, 10, 12], [7, 8, 20], [9, 30, 40]]))
        #expect(t.cell(row: "r0", column: "c0")?.confidentiality == .primary)
        #expect(t.cell(row: "r0", column: "c0")?.value == nil)
        // The smallest non-zero partners: 10 in row r0, 7 in column c0, then 8 to close row r1 and column c1.
        #expect(t.cell(row: "r0", column: "c1")?.confidentiality == .secondary)
        #expect(t.cell(row: "r1", column: "c0")?.confidentiality == .secondary)
        #expect(t.cell(row: "r1", column: "c1")?.confidentiality == .secondary)
        #expect(t.allCells.filter(\.isWithheld).count == 4)
        #expect(Self.noneRecoverable(t))
        #expect(t.grandTotal == 138, "margins with no small value stay")
    }

    @Test("Small margins are withheld too, and protected", arguments: [
        [[1.0, 0, 0], [0, 5, 9], [4, 6, 0]], [[1, 1, 1], [1, 1, 1]], [[0, 2], [2, 0]], [[5, 1, 7, 0], [0, 0, 2, 9], [3, 3, 3, 3]],
    ])
    func margins(grid: [[Double]]) {
        let t = DisclosureControl(threshold: 3).apply(to: Self.table(grid))
        #expect(Self.noneRecoverable(t), "\(grid)")
        for cell in t.allCells where !cell.isWithheld { #expect(!(cell.value! > 0 && cell.value! < 3), "a value under the threshold was shown: \(cell)") }
    }

    @Test("A one-column table protects a single small row with another row")
    func oneColumn() {
        let t = DisclosureControl(threshold: 3).apply(to: Self.table([[12], [1], [40], [9]], columns: false))
        #expect(t.cell(row: "r1", column: TableResult.totalColumn)?.confidentiality == .primary)
        #expect(t.cell(row: "r3", column: TableResult.totalColumn)?.confidentiality == .secondary)
        #expect(t.rowTotals["r1"]?.isWithheld == true)
        #expect(Self.noneRecoverable(t))
        #expect(t.grandTotal == 62)
    }

    @Test("Threshold 0 or 1 changes nothing")
    func noThreshold() {
        let table = Self.table([[1, 2], [3, 4]])
        #expect(DisclosureControl(threshold: 0).apply(to: table) == table)
    }

    @Test("Exports carry no withheld value: x in the sheet, Q with A or D in the CSV")
    func exports() throws {
        let structure = try DataStructure(
            id: "T", name: "Test", dimensions: [DataDimension(id: "R", name: "R", codelistID: "CL_R"), DataDimension(id: "C", name: "C", codelistID: "CL_C")],
            frequency: .annual, measure: Measure(name: "Victims", unit: "persons", kind: .flow), disclosureThreshold: 3, organisationID: "O",
            metadata: DatasetMetadata(description: "", source: "Police", contact: "", methodology: ""))
        let t = DisclosureControl(threshold: 3).apply(to: Self.table([[2, 10, 12], [7, 8, 20], [9, 30, 40]]))
        let csv = TableExport(table: t, structure: structure, codelists: [:]).csv()
        #expect(csv.contains("r0,r0,c0,c0,,Q,A\r\n"))
        #expect(csv.contains("r1,r1,c1,c1,,Q,D\r\n"))
        #expect(!csv.contains(",2,A,F"), "the small value is nowhere")
        #expect(csv.contains("_T,Total,_T,Total,138,A,F\r\n"))
        let sheet = TableExport(table: t, structure: structure, codelists: [:]).sheet()
        #expect(sheet.rows[3][1] == .text("x"))
        #expect(!sheet.rows.flatMap { $0 }.contains(.number(2)))
    }
}
