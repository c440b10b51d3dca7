/// Periods as people read them in reports: `2022`, `Q4 2022`, `December 2022`, `24 December 2022`.
extension Period {
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    public var label: String { label(monthNames: Self.monthNames) }

    /// The label with the months named in another language (twelve names, January first).
    public func label(monthNames: [String]) -> String {
        switch frequency {
        case .annual: String(year)
        case .quarterly: "Q\(subperiod) \(year)"
        case .monthly: "\(monthNames[subperiod - 1]) \(year)"
        case .daily: "\(day) \(monthNames[subperiod - 1]) \(year)"
        }
    }

    /// `December 2022 – January 2023`, or one label when the range is one period.
    public static func label(from first: Period, to last: Period, monthNames: [String] = monthNames) -> String {
        first == last ? first.label(monthNames: monthNames) : "\(first.label(monthNames: monthNames)) – \(last.label(monthNames: monthNames))"
    }

    /// The period `count` steps later (earlier when negative).
    public func advanced(by count: Int) -> Period {
        var current = self
        if count >= 0 { for _ in 0..<count { current = current.next } } else { for _ in 0..<(-count) { current = current.previous ?? current } }
        return current
    }
}
