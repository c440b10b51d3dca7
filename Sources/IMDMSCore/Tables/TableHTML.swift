/// A table as an HTML `<table>` for reports and the dataset page: labels indented by depth,
/// withheld cells as `x`, margins in bold, the caption and footnotes. Built as `Markup`, so every
/// text is escaped by its type.
public struct TableHTML: Sendable {
    public var export: TableExport
    /// The table element's id, when the page needs one.
    public var id: String?

    public init(_ export: TableExport, id: String? = nil) {
        self.export = export
        self.id = id
    }

    public func render() -> Markup {
        let table = export.table, request = table.request
        let hasColumns = request.columnDimension != nil
        func cell(_ cell: TableResult.Cell?, _ attributes: [Attribute] = []) -> Markup {
            let text: String
            if let cell { text = cell.isWithheld ? TableExport.withheldSymbol : cell.value.map(NumberText.grouped) ?? "–" } else { text = "–" }
            return .tag(.td, attributes, text: text)
        }
        var head = [Markup.tag(.th, [.scope("col")], text: export.dimensionName(request.rowDimension))]
        for column in table.columns {
            head.append(.tag(.th, [.scope("col")], text: hasColumns ? export.label(column.code, request.columnDimension) : export.structure.measure.name))
        }
        if hasColumns { head.append(.tag(.th, [.scope("col")], text: export.total)) }
        var rows: [Markup] = []
        rows.reserveCapacity(table.rows.count + 1)
        for row in table.rows {
            var cells = [Markup.tag(.th, [.scope("row")] + (row.depth > 0 ? [.class("depth-\(min(row.depth, 4))")] : []),
                                    text: export.label(row.code, request.rowDimension))]
            for column in table.columns { cells.append(cell(table.cell(row: row.code, column: column.code))) }
            if hasColumns { cells.append(cell(table.rowTotals[row.code], [.class("total")])) }
            rows.append(.tag(.tr, cells))
        }
        var totals = [Markup.tag(.th, [.scope("row")], text: export.total)]
        for column in table.columns { totals.append(cell(table.columnTotals[column.code])) }
        if hasColumns { totals.append(cell(table.grand)) }
        rows.append(.tag(.tr, [.class("total")], totals))
        let element = Markup.tag(.table, [.class("data")] + (id.map { [.id($0)] } ?? []),
                                 .tag(.caption, text: "\(export.title) — \(export.caption)"),
                                 .tag(.thead, .tag(.tr, head)), .tag(.tbody, rows))
        return element + export.footnotes.map { note in
            let marker: [Attribute] = note.hasPrefix(TableExport.withheldSymbol + ":") ? [.id("withheld-note")] : []
            return Markup.tag(.p, [.class("footnote")] + marker, text: note)
        }.joined()
    }
}
