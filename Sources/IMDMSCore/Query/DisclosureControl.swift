/// Disclosure control for tables leaving the restricted roles: cells with a value above zero but
/// under the dataset's threshold are withheld (primary, `CONF_STATUS=A`), then further cells
/// (secondary, `D`) until no additive relation of the table — a margin and the cells it adds up,
/// a subtotal and its children — has exactly one withheld cell, so no withheld value can be
/// worked out by subtraction from what is shown. Secondary cells are the smallest non-zero
/// interior cells of the relation, margins only when nothing else is left.
public struct DisclosureControl: Sendable {
    public var threshold: Int

    public init(threshold: Int) { self.threshold = threshold }

    /// A cell's place: row and column codes, `TableResult.totalCode` for a margin.
    struct Place: Hashable {
        var row: String
        var column: String
        var isMargin: Bool { row == TableResult.totalCode || column == TableResult.totalCode }
    }

    public func apply(to table: TableResult) -> TableResult {
        guard threshold > 1 else { return table }
        let total = TableResult.totalCode
        let hasColumns = table.request.columnDimension != nil
        var values: [Place: Double] = [:]
        for cell in table.cells { if let v = cell.value { values[Place(row: cell.row, column: cell.column)] = v } }
        if hasColumns { for (row, cell) in table.rowTotals { if let v = cell.value { values[Place(row: row, column: total)] = v } } }
        for (column, cell) in table.columnTotals { if let v = cell.value { values[Place(row: total, column: column)] = v } }
        if hasColumns, let v = table.grand?.value { values[Place(row: total, column: total)] = v }

        let rowCodes = table.rowCodes, columnCodes = hasColumns ? table.columnCodes + [total] : table.columnCodes
        var relations: [[Place]] = []
        for column in columnCodes {
            for (whole, parts) in Self.groups(table.rows, total: total) {
                relations.append(([whole] + parts).map { Place(row: $0, column: column) })
            }
        }
        if hasColumns {
            for row in rowCodes + [total] {
                for (whole, parts) in Self.groups(table.columns, total: total) {
                    relations.append(([whole] + parts).map { Place(row: row, column: $0) })
                }
            }
        }
        relations = relations.map { $0.filter { values[$0] != nil } }.filter { $0.count > 1 }

        let status = Self.withheld(values: values, relations: relations, threshold: threshold, isMargin: \.isMargin)
        guard !status.isEmpty else { return table }

        var result = table
        func withhold(_ cell: inout TableResult.Cell, _ place: Place) {
            if let why = status[place] { cell.value = nil; cell.confidentiality = why }
        }
        for index in result.cells.indices { withhold(&result.cells[index], Place(row: result.cells[index].row, column: result.cells[index].column)) }
        for key in Array(result.rowTotals.keys) {
            withhold(&result.rowTotals[key]!, hasColumns ? Place(row: key, column: total) : Place(row: key, column: TableResult.totalColumn))
        }
        for key in Array(result.columnTotals.keys) { withhold(&result.columnTotals[key]!, Place(row: total, column: key)) }
        if result.grand != nil {
            withhold(&result.grand!, hasColumns ? Place(row: total, column: total) : Place(row: total, column: TableResult.totalColumn))
        }
        return result
    }

    /// The core rule, for any kind of cell: primary for `0 < value < threshold`, then secondary
    /// until no relation (a whole and its parts, as present in `values`) has exactly one withheld
    /// cell. The secondary pick is the smallest non-zero non-margin cell of the relation.
    public static func withheld<Place: Hashable>(
        values: [Place: Double], relations: [[Place]], threshold: Int, isMargin: (Place) -> Bool
    ) -> [Place: TableResult.Confidentiality] {
        var status: [Place: TableResult.Confidentiality] = [:]
        guard threshold > 1 else { return status }
        for (place, value) in values where value > 0 && value < Double(threshold) { status[place] = .primary }
        var changed = !status.isEmpty
        while changed {
            changed = false
            for relation in relations where relation.filter({ status[$0] != nil }).count == 1 {
                let open = relation.filter { status[$0] == nil && values[$0] != nil }
                let pick = open.min { a, b in
                    let ka = (isMargin(a) ? 1 : 0, values[a]! == 0 ? 1 : 0, values[a]!)
                    let kb = (isMargin(b) ? 1 : 0, values[b]! == 0 ? 1 : 0, values[b]!)
                    return ka < kb
                }
                if let pick { status[pick] = .secondary; changed = true }
            }
        }
        return status
    }

    /// The additive groups along one axis: the margin with the top-level codes, and each subtotal
    /// with the codes directly below it.
    static func groups(_ items: [TableResult.AxisItem], total: String) -> [(String, [String])] {
        var result = [(total, items.filter { $0.depth == 0 }.map(\.code))]
        for (index, item) in items.enumerated() {
            var children: [String] = []
            for next in items[(index + 1)...] {
                if next.depth <= item.depth { break }
                if next.depth == item.depth + 1 { children.append(next.code) }
            }
            if !children.isEmpty { result.append((item.code, children)) }
        }
        return result
    }
}
