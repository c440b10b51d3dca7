/// What a worksheet cell holds, as Excel stored it (a formula's cached result for formulas).
public enum CellValue: Hashable, Sendable {
    case text(String)
    case number(Double)
    case bool(Bool)
    /// A number formatted as a date: the calendar date and the seconds into that day.
    case date(year: Int, month: Int, day: Int, seconds: Int)
    /// An Excel error such as `#DIV/0!`.
    case error(String)

    /// The value as a producer sees it in Excel, for messages and previews.
    public var displayText: String {
        switch self {
        case let .text(text): text
        case let .number(number): NumberText.plain(number)
        case let .bool(value): value ? "TRUE" : "FALSE"
        case let .date(y, m, d, _): Period.isoDate(y, m, d)
        case let .error(code): code
        }
    }
}
