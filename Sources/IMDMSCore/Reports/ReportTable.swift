import Foundation

/// A small table of labels and numbers that is not a statistical cross-tabulation (no margins,
/// no disclosure control): a scorecard's domains side by side, the indicators that changed.
/// Rendered in every report format beside the `TableExport`s.
public struct ReportTable: Sendable, Hashable {
    public enum Cell: Sendable, Hashable {
        case text(String)
        /// A number shown with one decimal (scores in percent, changes in points).
        case number(Double)
        /// A count, shown whole with its thousands grouped.
        case count(Double)
        case empty

        public var text: String {
            switch self {
            case let .text(text): text
            case let .number(number): String(format: "%.1f", number)
            case let .count(count): NumberText.grouped(count)
            case .empty: ""
            }
        }
    }

    public var title: String
    public var columns: [String]
    public var rows: [[Cell]]
    public var notes: [String]

    public init(title: String, columns: [String], rows: [[Cell]], notes: [String] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.notes = notes
    }

    public func html() -> Markup {
        let head = Markup.tag(.tr, columns.map { .tag(.th, [.scope("col")], text: $0) })
        let body = rows.map { row in
            Markup.tag(.tr, row.enumerated().map { index, cell in index == 0 ? .tag(.th, [.scope("row")], text: cell.text) : .tag(.td, text: cell.text) })
        }
        return .tag(.table, [.class("data")], .tag(.caption, text: title), .tag(.thead, head), .tag(.tbody, body))
            + notes.map { Markup.tag(.p, [.class("footnote")], text: $0) }.joined()
    }

    public func sheet(name: String) -> XLSXWriter.Sheet {
        var sheetRows: [[XLSXWriter.Cell]] = [[.text(title, .title)], columns.map { .text($0, .header) }]
        for row in rows {
            sheetRows.append(row.map { cell in
                switch cell {
                case let .text(text): .text(text)
                case let .number(number): .number(number, .decimal)
                case let .count(count): .number(count, .number)
                case .empty: .text("")
                }
            })
        }
        sheetRows.append([])
        sheetRows += notes.map { [.text($0, .note)] }
        return XLSXWriter.Sheet(name: name, rows: sheetRows, frozenRows: 2, frozenColumns: 1,
                                columnWidths: [40] + Array(repeating: 18, count: max(0, columns.count - 1)))
    }

    /// Tidy lines for the report CSV: one per cell after the first column, the first column as the row label.
    func csvLines() -> [String] {
        var lines: [String] = []
        for row in rows {
            guard let label = row.first?.text else { continue }
            for (index, cell) in row.enumerated().dropFirst() where index < columns.count {
                let value: String, text: String
                switch cell {
                case let .number(number), let .count(number): (value, text) = (NumberText.plain(number), "")
                case let .text(t): (value, text) = ("", t)
                case .empty: (value, text) = ("", "")
                }
                lines.append([title, columns.first ?? "", "", label, label, columns[index], columns[index], value.isEmpty ? text : value, "", ""]
                    .map(CSVText.cell).joined(separator: ","))
            }
        }
        return lines
    }
}
