import Foundation

/// Turns pseudonymised movements into the derived datasets: BORDER_CROSSINGS (crossings by
/// month, post, direction, citizenship, sex, age group, purpose), BORDER_CROSSINGS_DAILY (by day,
/// post and direction) and MIGRATION_FLOWS (long-term
/// migrant arrivals and departures by month, direction, citizenship, sex, age group, by the
/// 12/16-month rule). People are fed one at a time, so memory grows with the number of distinct
/// cells, not of rows. A month holding any crossing whose outcome is still open is provisional.
public struct MigrationDerivation: Sendable {
    public let rule: ResidenceRule
    public let homeCountry: String
    public let dataEnd: Date
    /// Crossings by month and the BORDER_CROSSINGS dimensions (month first, as the cells are keyed).
    public var crossings: [[String]: Int] { crossingCounts.crossings }
    /// Crossings by day, post and direction (for the festive-season report).
    public var daily: [[String]: Int] { crossingCounts.daily }
    private var crossingCounts = CrossingCounts()
    public internal(set) var flows: [[String]: Int] = [:]
    /// Crossings whose outcome is still open, by month: a month holding any is provisional.
    public internal(set) var provisionalCounts: [Period: Int] = [:]
    public var provisionalMonths: Set<Period> { Set(provisionalCounts.filter { $0.value > 0 }.keys) }
    /// Visits by arrival month and citizenship.
    public internal(set) var visits: [[String]: VisitStatistics] = [:]
    /// Days a visitor may stay; longer stays (or still being present beyond it) are overstays.
    public let permittedStayDays: Int
    public internal(set) var people = 0
    public private(set) var movementCount = 0

    public init(rule: ResidenceRule = ResidenceRule(), homeCountry: String, dataEnd: Date, permittedStayDays: Int = 90) {
        self.rule = rule
        self.permittedStayDays = permittedStayDays
        self.homeCountry = homeCountry
        self.dataEnd = dataEnd
    }

    /// One person's movements in time order, all of them counted.
    public mutating func add(person movements: [Movement]) {
        guard !movements.isEmpty else { return }
        people += 1
        for movement in movements { count(crossing: movement) }
        addOutcomes(of: movements, initiallyResident: nil, sign: 1)
    }

    /// Counts a person's crossings marked in `included` (one mark each) — in here, where no crossing
    /// is copied to be counted (called from another module, each was: eight texts retained and released).
    public mutating func count(crossings movements: [Movement], included: [Bool]) {
        precondition(movements.count == included.count, "one mark per crossing")
        for index in movements.indices where included[index] { count(crossing: movements[index]) }
    }

    /// Counts every one of the crossings (an extract's piece as it is read, D88).
    public mutating func count(all movements: [Movement]) {
        for index in movements.indices { count(crossing: movements[index]) }
    }

    /// Counts one crossing in BORDER_CROSSINGS and BORDER_CROSSINGS_DAILY (these do not depend on
    /// what the person did before or after).
    public mutating func count(crossing movement: Movement) {
        movementCount += 1
        crossingCounts.count(movement)
    }

    /// Where a person's settled crossings end: how many of the given ones can never change with
    /// data after `dataEnd`, and the status after them.
    public struct Settled: Sendable, Hashable {
        public var count: Int
        public var residentAfter: Bool
        /// The earliest end of the data at which the contributions could differ if the person made
        /// no further crossing (an open outcome decided, a visitor still present overstaying); nil:
        /// only a new crossing can change them (D83).
        public var changesAt: Date?

        public init(count: Int, residentAfter: Bool, changesAt: Date? = nil) {
            self.count = count
            self.residentAfter = residentAfter
            self.changesAt = changesAt
        }
    }

    /// Adds (`sign` 1) or takes away (−1) the flows and visits of a person's crossings, given in time
    /// order, starting from `initiallyResident` (nil: the status before the first record, resident
    /// for the home country's citizens). Returns the settled prefix: the crossings whose outcome
    /// is decided or whose 16-month window is complete, no visit among them still open, and not
    /// ending between two crossings at the same minute — later data (after `dataEnd`) cannot change
    /// their contributions, so the next derivation starts after them (D50).
    @discardableResult
    public mutating func addOutcomes(of movements: [Movement], initiallyResident: Bool?, sign: Int) -> Settled {
        addOutcomes(of: movements[...], moments: movements.map(\.moment)[...], initiallyResident: initiallyResident, sign: sign)
    }

    /// The same, each crossing's moment and month already read (`moments[i]` is `movements[i].moment`,
    /// counted from each slice's start): the derivation job reads a person's times once for the
    /// outcomes it takes away and those it adds, and passes the old crossings without copying them.
    @discardableResult
    public mutating func addOutcomes(of movements: ArraySlice<Movement>, moments: ArraySlice<Movement.Moment>,
                                     initiallyResident: Bool?, sign: Int) -> Settled {
        guard let first = movements.first else { return Settled(count: 0, residentAfter: initiallyResident ?? false) }
        precondition(moments.count == movements.count, "one moment per crossing")
        let initial = initiallyResident ?? (first.nationality == homeCountry)
        func movement(_ offset: Int) -> Movement { movements[movements.startIndex + offset] }
        func moment(_ offset: Int) -> Movement.Moment { moments[moments.startIndex + offset] }
        let crossings = movements.indices.map { ResidenceRule.Crossing(date: moment($0 - movements.startIndex).date, direction: movements[$0].direction) }
        let (outcomes, outcomesChangeAt) = rule.evaluate(crossings, initiallyResident: initial, dataEnd: dataEnd)
        var changesAt = outcomesChangeAt
        var residentBefore = initial
        var settled = Settled(count: 0, residentAfter: initial), settling = true
        let permitted = permittedStayDays * 86_400
        // Open outcomes counted by runs of one month (a person's months only move forward).
        var provisional: (month: Period, count: Int)?
        for (index, outcome) in outcomes.enumerated() {
            defer { residentBefore = outcome.residentAfter }
            let movement = movement(index), (date, month) = moment(index)
            var open = outcome.isProvisional
            if movement.direction == .arrival && !residentBefore && !outcome.residentAfter {
                let departure = ((index + 1)..<outcomes.count).first { movements[movements.startIndex + $0].direction == .departure }
                let seconds = Int((departure.map { moment($0).date } ?? dataEnd).timeIntervalSince(date))
                let key = [month.formatted, movement.nationality]
                var visit = visits[key, default: VisitStatistics()]
                visit.visitors += sign
                if departure != nil { visit.completed += sign; visit.totalSeconds += sign * seconds } else { visit.stillPresent += sign; open = true }
                if seconds > permitted {
                    visit.overstays += sign
                } else if departure == nil {
                    // Still present: an overstay once the permitted stay has passed.
                    let overstay = date.addingTimeInterval(Double(permitted))
                    changesAt = changesAt.map { min($0, overstay) } ?? overstay
                }
                visits[key] = visit
            }
            if outcome.isLongTermArrival || outcome.isLongTermDeparture {
                flows[[month.formatted, movement.direction.rawValue, movement.nationality, movement.sex, Movement.ageGroup(movement.age)], default: 0] += sign
            }
            if outcome.isProvisional {
                if let run = provisional, run.month != month { provisionalCounts[run.month, default: 0] += run.count * sign; provisional = nil }
                provisional = (month, (provisional?.count ?? 0) + 1)
            }
            if settling && open { settling = false }
            if settling { settled = Settled(count: index + 1, residentAfter: outcome.residentAfter) }
        }
        if let run = provisional { provisionalCounts[run.month, default: 0] += run.count * sign }
        settled.changesAt = changesAt
        // Two crossings at the same minute are read back together: never settle between them.
        while settled.count > 0 && settled.count < movements.count && movement(settled.count).time == movement(settled.count - 1).time {
            settled.count -= 1
            settled.residentAfter = settled.count == 0 ? initial : outcomes[settled.count - 1].residentAfter
        }
        return settled
    }

    /// Observations keyed as the datasets' structures (period first in each stored key).
    /// Crossings are counted as they happen: final. Flows of a provisional month are `P`.
    public func crossingObservations() -> [Observation] {
        crossingCounts.observationsByRank() ?? observations(crossingCounts.cells, provisional: [])
    }
    public func dailyObservations() -> [Observation] { observations(daily, provisional: []) }

    /// Visitors by arrival month and citizenship as VISITOR_STAYS observations: arrivals, completed
    /// stays, their days (summable; the mean is days ÷ completed), still present, overstays. A
    /// month whose arrivals could still overstay (its end plus the permitted stay lies past the end
    /// of the data) is provisional.
    public func visitObservations() -> [Observation] {
        var counts: [[String]: Double] = [:]
        var provisional: Set<Period> = []
        for (key, visit) in visits where !visit.isEmpty {
            guard let month = try? Period(parsing: key[0]) else { continue }
            for (measure, value) in [("ARR", Double(visit.visitors)), ("COMPLETED", Double(visit.completed)), ("DAYS", visit.totalDays.rounded()),
                                     ("PRESENT", Double(visit.stillPresent)), ("OVERSTAY", Double(visit.overstays))] {
                counts[[key[0], key[1], measure]] = value
            }
            if let end = Movement.parseTime(month.endDate), end.addingTimeInterval(Double(permittedStayDays) * 86_400) > dataEnd {
                provisional.insert(month)
            }
        }
        return counts.compactMap { key, value -> Observation? in
            guard let period = try? Period(parsing: key[0]) else { return nil }
            return Observation(key: Array(key.dropFirst()), period: period, value: value, status: provisional.contains(period) ? .provisional : .normal)
        }.sorted { ($0.seriesKey, $0.period) < ($1.seriesKey, $1.period) }
    }
    public func flowObservations() -> [Observation] { observations(flows, provisional: provisionalMonths) }

    /// Counts keyed by a period's text and the codes (the period first): each period parsed once.
    private func observations(_ counts: [[String]: Int], provisional: Set<Period>) -> [Observation] {
        var periods: [String: Period] = [:]
        let parsed = counts.compactMap { key, count -> (period: Period, codes: [String], count: Int)? in
            guard let period = periods[key[0]] ?? (try? Period(parsing: key[0])) else { return nil }
            periods[key[0]] = period
            return (period: period, codes: Array(key.dropFirst()), count: count)
        }
        return observations(parsed, provisional: provisional)
    }

    private func observations(_ counts: some Sequence<(period: Period, codes: [String], count: Int)>, provisional: Set<Period>) -> [Observation] {
        // Sorted by series key and period: each key joined once and compared as bytes (the codes
        // are ASCII), indices sorted rather than observations moved.
        var made: [Observation] = [], keys: [String] = []
        made.reserveCapacity(counts.underestimatedCount)
        keys.reserveCapacity(counts.underestimatedCount)
        for (period, codes, count) in counts where count != 0 {
            let observation = Observation(key: codes, period: period, value: Double(count),
                                          status: provisional.contains(period) ? .provisional : .normal)
            keys.append(observation.seriesKey)
            made.append(observation)
        }
        let periods = made.map(\.period)  // compared from an array of their own: `made[a].period` copied the observation
        let order = made.indices.sorted { a, b in
            // `<` on ASCII text is a byte comparison (and far faster than comparing the UTF-8 views).
            keys[a] == keys[b] ? periods[a] < periods[b] : keys[a] < keys[b]
        }
        return order.map { made[$0] }
    }
}

/// Visitors who arrived in a month: how many, how long the completed stays lasted, how many
/// stayed (or are still present) beyond the permitted stay.
public struct VisitStatistics: Sendable, Hashable, Codable {
    public var visitors = 0
    public var completed = 0
    /// The completed stays' length in seconds: whole numbers, so adding and taking away people
    /// in any order gives the same total.
    public var totalSeconds = 0
    public var stillPresent = 0
    public var overstays = 0

    public init() {}

    public var totalDays: Double { Double(totalSeconds) / 86_400 }
    public mutating func add(_ other: VisitStatistics) {
        visitors += other.visitors
        completed += other.completed
        totalSeconds += other.totalSeconds
        stillPresent += other.stillPresent
        overstays += other.overstays
    }

    public var isEmpty: Bool { visitors == 0 && completed == 0 && totalSeconds == 0 && stillPresent == 0 && overstays == 0 }

    /// Mean length of the completed stays, in days.
    public var meanStayDays: Double? { completed == 0 ? nil : totalDays / Double(completed) }
}
