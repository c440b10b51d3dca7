/// A reporting period in the ISO 8601 / SDMX forms IMDMS accepts:
/// `2022` (year), `2022-Q4` (quarter), `2022-12` (month), `2022-12-24` (day).
///
/// Periods are ordered by their first day; when two start on the same day the longer one
/// comes first (`2022` < `2022-Q1` < `2022-01` < `2022-01-01`).
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let year: Int
    public let frequency: Frequency
    /// Quarter (1–4) for quarterly periods, month (1–12) for monthly and daily, otherwise 0.
    public let subperiod: Int
    /// Day of month for daily periods, otherwise 0.
    public let day: Int

    public static let minYear = 1900
    public static let maxYear = 2999

    public static func year(_ year: Int) throws(PeriodError) -> Period {
        try Period(validating: year, .annual, 0, 0, text: String(year))
    }

    public static func quarter(_ year: Int, _ quarter: Int) throws(PeriodError) -> Period {
        try Period(validating: year, .quarterly, quarter, 0, text: "\(year)-Q\(quarter)")
    }

    public static func month(_ year: Int, _ month: Int) throws(PeriodError) -> Period {
        try Period(validating: year, .monthly, month, 0, text: "\(year)-\(month)")
    }

    public static func day(_ year: Int, _ month: Int, _ day: Int) throws(PeriodError) -> Period {
        try Period(validating: year, .daily, month, day, text: "\(year)-\(month)-\(day)")
    }

    /// `text` (for the error) is made only when the period is refused: this runs for every crossing
    /// the derivation counts.
    private init(validating year: Int, _ frequency: Frequency, _ sub: Int, _ day: Int, text: @autoclosure () -> String) throws(PeriodError) {
        guard (Self.minYear...Self.maxYear).contains(year) else {
            throw PeriodError(text: text(), reason: "year \(year) is outside \(Self.minYear)–\(Self.maxYear)")
        }
        switch frequency {
        case .annual:
            break
        case .quarterly:
            guard (1...4).contains(sub) else { throw PeriodError(text: text(), reason: "quarter must be Q1 to Q4") }
        case .monthly:
            guard (1...12).contains(sub) else { throw PeriodError(text: text(), reason: "month must be 01 to 12") }
        case .daily:
            guard (1...12).contains(sub) else { throw PeriodError(text: text(), reason: "month must be 01 to 12") }
            let last = Period.daysInMonth(year: year, month: sub)
            guard (1...last).contains(day) else {
                throw PeriodError(text: text(), reason: "day must be 01 to \(last) in that month")
            }
        }
        self.year = year
        self.frequency = frequency
        self.subperiod = sub
        self.day = day
    }

    // MARK: Calendar

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// First month (1–12) covered by the period.
    public var firstMonth: Int {
        switch frequency {
        case .annual: 1
        case .quarterly: (subperiod - 1) * 3 + 1
        case .monthly, .daily: subperiod
        }
    }

    /// Last month (1–12) covered by the period.
    public var lastMonth: Int {
        switch frequency {
        case .annual: 12
        case .quarterly: subperiod * 3
        case .monthly, .daily: subperiod
        }
    }

    /// First day as an ISO date `YYYY-MM-DD` (sortable as text; stored for range queries).
    public var startDate: String {
        Period.isoDate(year, firstMonth, frequency == .daily ? day : 1)
    }

    /// Last day as an ISO date `YYYY-MM-DD`.
    public var endDate: String {
        let lastDay = frequency == .daily ? day : Period.daysInMonth(year: year, month: lastMonth)
        return Period.isoDate(year, lastMonth, lastDay)
    }

    static func isoDate(_ y: Int, _ m: Int, _ d: Int) -> String {
        "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    // MARK: Ordering

    /// By first day (as `startDate` sorts), then frequency. Compared as numbers: formatting two
    /// dates per comparison made sorting a month's 260,000 derived crossings take a second.
    public static func < (lhs: Period, rhs: Period) -> Bool {
        let left = lhs.startOrdinal, right = rhs.startOrdinal
        if left != right { return left < right }
        return lhs.frequency < rhs.frequency
    }

    /// The first day as one number, ordered as `startDate`.
    private var startOrdinal: Int { (year * 13 + firstMonth) * 32 + (frequency == .daily ? day : 1) }

    public var description: String { formatted }
}
