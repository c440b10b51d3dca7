/// A table as an HTML `<table>` for reports: labels indented by depth, withheld cells as `x`,
/// margins in bold, the caption and footnotes. Every text is escaped.
public struct TableHTML: Sendable {
    public var export: TableExport
    /// The table element's id, when the page needs one.
    public var id: String?

    public init(_ export: TableExport, id: String? = nil) {
        self.export = export
        self.id = id
    }

    public func render() -> String {
        let table = export.table, request = table.request
        let hasColumns = request.columnDimension != nil
        func text(_ cell: TableResult.Cell?) -> String {
            guard let cell else { return "–" }
            if cell.isWithheld { return TableExport.withheldSymbol }
            return cell.value.map(NumberText.grouped) ?? "–"
        }
        func esc(_ s: String) -> String { MustacheTemplate.escapeHTML(s) }
        var html = "<table class=\"data\"\(id.map { " id=\"\(esc($0))\"" } ?? "")><caption>\(esc(export.title)) — \(esc(export.caption))</caption><thead><tr>"
        html += "<th scope=\"col\">\(esc(export.dimensionName(request.rowDimension)))</th>"
        for column in table.columns {
            html += "<th scope=\"col\">\(esc(hasColumns ? export.label(column.code, request.columnDimension) : export.structure.measure.name))</th>"
        }
        if hasColumns { html += "<th scope=\"col\">\(esc(export.total))</th>" }
        html += "</tr></thead><tbody>"
        for row in table.rows {
            let depth = row.depth > 0 ? " class=\"depth-\(min(row.depth, 4))\"" : ""
            html += "<tr><th scope=\"row\"\(depth)>\(esc(export.label(row.code, request.rowDimension)))</th>"
            for column in table.columns { html += "<td>\(text(table.cell(row: row.code, column: column.code)))</td>" }
            if hasColumns { html += "<td class=\"total\">\(text(table.rowTotals[row.code]))</td>" }
            html += "</tr>"
        }
        html += "<tr class=\"total\"><th scope=\"row\">\(esc(export.total))</th>"
        for column in table.columns { html += "<td>\(text(table.columnTotals[column.code]))</td>" }
        if hasColumns { html += "<td>\(text(table.grand))</td>" }
        html += "</tr></tbody></table>"
        html += export.footnotes.map { note in
            let marker = note.hasPrefix(TableExport.withheldSymbol + ":") ? " id=\"withheld-note\"" : ""
            return "<p class=\"footnote\"\(marker)>\(esc(note))</p>"
        }.joined()
        return html
    }
}
