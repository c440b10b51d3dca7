import Foundation

/// The outcome-based 12/16-month rule (as Statistics New Zealand measures migration from border
/// crossings). Every crossing updates the person's residence status by what follows it: at least
/// 12 months (365 days) of the next 16 months spent inside the country makes the person
/// resident, at least 12 outside non-resident, anything else leaves the status as it was. A
/// long-term migrant arrival is an arrival that turns a non-resident into a resident; a
/// long-term departure, a departure that turns a resident into a non-resident.
///
/// Where a person is between crossings follows from the crossings themselves (inside after an
/// arrival, outside after a departure; before the first record, on the other side of it). When
/// the 16 months after a crossing reach past the end of the data and neither side has 12 months
/// yet, the crossing changes nothing for now; it is provisional while later data could still
/// change the status (D81), and final once it no longer can.
public struct ResidenceRule: Sendable {
    public var windowMonths: Int
    public var requiredDays: Int

    public init(windowMonths: Int = 16, requiredDays: Int = 365) {
        self.windowMonths = windowMonths
        self.requiredDays = requiredDays
    }

    public struct Crossing: Sendable, Hashable {
        public var date: Date
        public var direction: Movement.Direction
        public init(date: Date, direction: Movement.Direction) {
            self.date = date
            self.direction = direction
        }
    }

    public struct Outcome: Sendable, Hashable {
        public var residentAfter: Bool
        public var isLongTermArrival: Bool
        public var isLongTermDeparture: Bool
        /// The window reaches past the data and the status could still change.
        public var isProvisional: Bool

        public init(residentAfter: Bool, isLongTermArrival: Bool, isLongTermDeparture: Bool, isProvisional: Bool) {
            self.residentAfter = residentAfter
            self.isLongTermArrival = isLongTermArrival
            self.isLongTermDeparture = isLongTermDeparture
            self.isProvisional = isProvisional
        }
    }

    /// The same clock time `months` calendar months later (the day clamped to the month's
    /// length), by arithmetic rather than `Calendar`: this runs for every crossing.
    static func adding(months: Int, to date: Date) -> Date {
        let (days, time) = CivilDate.dayAndSeconds(date)
        let (year, month, day) = CivilDate.civilFromDays(days)
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12, newMonth = total % 12 + 1
        let newDay = min(day, Period.daysInMonth(year: newYear, month: newMonth))
        return Date(timeIntervalSince1970: Double(CivilDate.daysFromCivil(newYear, newMonth, newDay) * 86_400 + time))
    }

    /// Outcomes of one person's crossings, given in time order; `initiallyResident` is the
    /// status before the first record (resident for the home country's citizens).
    public func outcomes(of crossings: [Crossing], initiallyResident: Bool, dataEnd: Date) -> [Outcome] {
        evaluate(crossings, initiallyResident: initiallyResident, dataEnd: dataEnd).outcomes
    }

    /// The outcomes, and the earliest end of the data at which any of them could be different if
    /// the person made no crossing after these (nil: none can). Until then the data's end moving on
    /// changes nothing for this person: where they are after their last crossing only adds time to
    /// that side, so each provisional crossing is decided when that side reaches 12 months, when
    /// the other side's 12 months go out of reach (D81), or when its window is complete (D83).
    public func evaluate(_ crossings: [Crossing], initiallyResident: Bool, dataEnd: Date) -> (outcomes: [Outcome], changesAt: Date?) {
        let required = Double(requiredDays) * 86_400
        let insideAfterLast = crossings.last?.direction == .arrival
        var changesAt: Double?
        var resident = initiallyResident
        var result: [Outcome] = []
        result.reserveCapacity(crossings.count)
        // The time spent inside from the first crossing to each one, summed once (in the seconds a
        // `Date` holds; crossings are whole minutes, so the sums are exact); the window's last
        // crossing `last` only moves forward.
        // Walking every window crossing by crossing cost a commuter's 150 crossings per window.
        let times = crossings.map(\.date.timeIntervalSinceReferenceDate), end = dataEnd.timeIntervalSinceReferenceDate
        var insideBefore = [Double](repeating: 0, count: crossings.count)
        for index in crossings.indices.dropFirst() {
            insideBefore[index] = insideBefore[index - 1]
                + (crossings[index - 1].direction == .arrival ? times[index] - times[index - 1] : 0)
        }
        var last = 0
        for (index, crossing) in crossings.enumerated() {
            let windowEnd = Self.adding(months: windowMonths, to: crossing.date)
            let horizon = min(windowEnd.timeIntervalSinceReferenceDate, end)
            var inside = 0.0, outside = 0.0
            if times[index] < horizon {
                // The last crossing before the horizon; inside is the time inside up to it, plus
                // the rest of the window when it was an arrival.
                last = max(last, index)
                while last + 1 < crossings.count && times[last + 1] < horizon { last += 1 }
                inside = insideBefore[last] - insideBefore[index] + (crossings[last].direction == .arrival ? horizon - times[last] : 0)
                outside = horizon - times[index] - inside
            }
            let before = resident
            var provisional = false
            if inside >= required {
                resident = true
            } else if outside >= required {
                resident = false
            } else if horizon < windowEnd.timeIntervalSinceReferenceDate {
                // Open only while the rest of the window, spent all on one side, could still change
                // the status: a resident's while 12 months outside can still be reached, a
                // non-resident's while 12 months inside can (D81). A commuter's crossing is decided
                // about four months on, not sixteen.
                let rest = windowEnd.timeIntervalSinceReferenceDate - horizon
                provisional = (resident ? outside : inside) + rest >= required
                if provisional {
                    var wait = min(rest, required - (insideAfterLast ? inside : outside))
                    if resident == insideAfterLast { wait = min(wait, (resident ? outside : inside) + rest - required) }
                    changesAt = min(changesAt ?? .infinity, horizon + wait)
                }
            }
            result.append(Outcome(
                residentAfter: resident,
                isLongTermArrival: crossing.direction == .arrival && !before && resident,
                isLongTermDeparture: crossing.direction == .departure && before && !resident,
                isProvisional: provisional))
        }
        return (result, changesAt.map { Date(timeIntervalSinceReferenceDate: $0) })
    }
}
