extension Period {
    /// The quarter that contains this period, or `nil` for a year (a year is not inside a quarter).
    public var containingQuarter: Period? {
        switch frequency {
        case .annual: nil
        case .quarterly: self
        case .monthly, .daily: try? .quarter(year, (subperiod - 1) / 3 + 1)
        }
    }

    /// The year that contains this period.
    public var containingYear: Period {
        // A valid period's year is always a valid year.
        (try? .year(year)) ?? self
    }

    /// The containing period at a coarser (or the same) frequency; `nil` when `target` is finer.
    public func converted(to target: Frequency) -> Period? {
        guard target <= frequency else { return nil }
        switch target {
        case .annual: return containingYear
        case .quarterly: return containingQuarter
        case .monthly: return frequency == .monthly ? self : try? .month(year, subperiod)
        case .daily: return self
        }
    }

    /// Whether the period has the frequency a dataset expects; throws a readable error otherwise.
    public func check(against expected: Frequency) throws(PeriodError) {
        guard frequency == expected else {
            throw PeriodError(
                text: formatted,
                reason: "it is \(frequency.name.lowercased()) but the dataset is \(expected.name.lowercased()) (e.g. \(Period.example(expected)))"
            )
        }
    }

    /// Whether `other` lies wholly inside this period.
    public func contains(_ other: Period) -> Bool {
        startDate <= other.startDate && other.endDate <= endDate
    }

    /// The following period of the same frequency.
    public var next: Period {
        switch frequency {
        case .annual:
            return (try? .year(year + 1)) ?? self
        case .quarterly:
            return (try? (subperiod == 4 ? .quarter(year + 1, 1) : .quarter(year, subperiod + 1))) ?? self
        case .monthly:
            return (try? (subperiod == 12 ? .month(year + 1, 1) : .month(year, subperiod + 1))) ?? self
        case .daily:
            if day < Period.daysInMonth(year: year, month: subperiod) {
                return (try? .day(year, subperiod, day + 1)) ?? self
            }
            return (try? (subperiod == 12 ? .day(year + 1, 1, 1) : .day(year, subperiod + 1, 1))) ?? self
        }
    }

    /// The period before, of the same frequency.
    public var previous: Period? {
        switch frequency {
        case .annual: return try? .year(year - 1)
        case .quarterly: return try? (subperiod == 1 ? .quarter(year - 1, 4) : .quarter(year, subperiod - 1))
        case .monthly: return try? (subperiod == 1 ? .month(year - 1, 12) : .month(year, subperiod - 1))
        case .daily:
            if day > 1 { return try? .day(year, subperiod, day - 1) }
            let month = subperiod == 1 ? 12 : subperiod - 1
            let y = subperiod == 1 ? year - 1 : year
            return try? .day(y, month, Period.daysInMonth(year: y, month: month))
        }
    }

    /// The same period one year earlier (`2022-Q4` → `2021-Q4`); 29 February maps to 28 February.
    public var yearEarlier: Period? {
        switch frequency {
        case .annual: try? .year(year - 1)
        case .quarterly: try? .quarter(year - 1, subperiod)
        case .monthly: try? .month(year - 1, subperiod)
        case .daily: try? .day(year - 1, subperiod, min(day, Period.daysInMonth(year: year - 1, month: subperiod)))
        }
    }

    /// Every period of this frequency from `self` through `last`, inclusive.
    public func through(_ last: Period) -> [Period] {
        guard frequency == last.frequency, self <= last else { return [] }
        var result = [self]
        var current = self
        while current < last {
            current = current.next
            result.append(current)
        }
        return result
    }

    /// The first period of a year at a frequency: `2022`, `2022-Q1`, `2022-01`, `2022-01-01`.
    public static func first(ofYear year: Int, frequency: Frequency) throws(PeriodError) -> Period {
        switch frequency {
        case .annual: try .year(year)
        case .quarterly: try .quarter(year, 1)
        case .monthly: try .month(year, 1)
        case .daily: try .day(year, 1, 1)
        }
    }

    /// An example period text for a frequency, for hints in messages and forms.
    public static func example(_ frequency: Frequency) -> String {
        switch frequency {
        case .annual: "2022"
        case .quarterly: "2022-Q4"
        case .monthly: "2022-12"
        case .daily: "2022-12-24"
        }
    }
}
