/// Periods as people read them in reports: `2022`, `Q4 2022`, `December 2022`, `24 December 2022`.
extension Period {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    public var label: String {
        switch frequency {
        case .annual: String(year)
        case .quarterly: "Q\(subperiod) \(year)"
        case .monthly: "\(Self.monthNames[subperiod - 1]) \(year)"
        case .daily: "\(day) \(Self.monthNames[subperiod - 1]) \(year)"
        }
    }

    /// `December 2022 – January 2023`, or one label when the range is one period.
    public static func label(from first: Period, to last: Period) -> String {
        first == last ? first.label : "\(first.label) – \(last.label)"
    }

    /// The period `count` steps later (earlier when negative).
    public func advanced(by count: Int) -> Period {
        var current = self
        if count >= 0 { for _ in 0..<count { current = current.next } } else { for _ in 0..<(-count) { current = current.previous ?? current } }
        return current
    }
}
