import Foundation

/// A border extract delivered as a workbook: its first sheet, header in the first row, turned
/// into the CSV text the movement reader takes. Date cells become ISO text; in the crossing-time
/// column, and wherever a time of day is set, with hours and minutes. (A workbook is held in
/// memory whole; Excel's own limit is about a million rows — larger extracts come as CSV.)
public enum MovementWorkbook {
    public static func csv(from grid: Grid, timeColumn: String) -> Data {
        // The header row says how many columns there are: a stray cell far to the right is not one.
        guard let width = grid.columns(showing: 1).last else { return Data() }
        let timeIndex = (1...width).first { grid.text(row: 1, column: $0).lowercased() == timeColumn.lowercased() }
        var text = ""
        for row in grid.rows.keys.sorted() where !grid.isBlank(row: row) {
            var fields: [String] = []
            for column in 1...width {
                if case let .date(y, m, d, seconds)? = grid.value(row: row, column: column) {
                    var value = Period.isoDate(y, m, d)
                    if seconds > 0 || column == timeIndex {
                        let hours = seconds / 3_600, minutes = seconds % 3_600 / 60
                        value += "T" + (hours < 10 ? "0" : "") + String(hours) + ":" + (minutes < 10 ? "0" : "") + String(minutes)
                    }
                    fields.append(value)
                } else {
                    fields.append(grid.text(row: row, column: column))
                }
            }
            text += fields.map(CSVText.field).joined(separator: ",") + "\n"
        }
        return Data(text.utf8)
    }
}
