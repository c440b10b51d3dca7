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
    public var crossings: [[String]: Int] {
        Dictionary(crossingCells.map { ([$0.period.formatted] + $0.codes, $0.count) }, uniquingKeysWith: +)
    }
    /// A crossing's cell as numbers — its month (year × 12 + month − 1) and each code's number in
    /// its dimension's `CodeIndex` — not as texts: this runs for every crossing, and hashing its six
    /// texts was a third of the derivation's time.
    private struct CrossingCell: Hashable {
        /// month << 32 | post
        var monthAndPost: UInt64
        /// citizenship << 32 | purpose
        var nationalityAndPurpose: UInt64
        /// sex << 32 | age group << 1 | direction (1: departure)
        var sexAgeAndDirection: UInt64
    }
    private var crossingCounts: [CrossingCell: Int] = [:]
    /// The codes each cell's numbers stand for, by dimension.
    private var posts = CodeIndex(), nationalities = CodeIndex(), sexes = CodeIndex(), ageGroups = CodeIndex(), purposes = CodeIndex()
    /// Crossings by day, post and direction (for the festive-season report).
    public var daily: [[String]: Int] {
        var daily = oddDailyCounts
        for (key, count) in dailyCounts {
            let (y, m, d) = CivilDate.civilFromDays(Int(key >> 33) - Self.dayOffset)
            daily[[Period.isoDate(y, m, d), posts.codes[Int(key >> 1 & 0xFFFF_FFFF)], (key & 1 == 1 ? Movement.Direction.departure : .arrival).rawValue], default: 0] += count
        }
        return daily
    }
    /// Keyed by one number a crossing — (day + `dayOffset`) << 33 | post << 1 | direction — not by texts.
    private var dailyCounts: [UInt64: Int] = [:]
    /// Days before 1970 are negative; the key's day is counted from year 0.
    private static let dayOffset = 1 << 22
    /// Crossings whose time is not a readable moment (none once an extract is read), by their first ten characters.
    private var oddDailyCounts: [[String]: Int] = [:]
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

    /// Counts one crossing in BORDER_CROSSINGS and BORDER_CROSSINGS_DAILY (these do not depend on
    /// what the person did before or after).
    public mutating func count(crossing movement: Movement) {
        movementCount += 1
        let fields = Movement.fields(movement.time)
        // The month as `Movement.moment` gives it: January 2000 for a time that is not one.
        var month = 2000 * 12
        if let (y, m, _, _, _) = fields, (Period.minYear...Period.maxYear).contains(y) { month = y * 12 + m - 1 }
        let post = UInt64(posts.number(movement.borderPost)), departure: UInt64 = movement.direction == .departure ? 1 : 0
        let cell = CrossingCell(
            monthAndPost: UInt64(month) << 32 | post,
            nationalityAndPurpose: UInt64(nationalities.number(movement.nationality)) << 32 | UInt64(purposes.number(movement.purpose)),
            sexAgeAndDirection: UInt64(sexes.number(movement.sex)) << 32 | UInt64(ageGroups.number(Movement.ageGroup(movement.age))) << 1 | departure)
        crossingCounts[cell, default: 0] += 1
        if let (y, m, d, _, _) = fields {
            dailyCounts[UInt64(CivilDate.daysFromCivil(y, m, d) + Self.dayOffset) << 33 | post << 1 | departure, default: 0] += 1
        } else {
            oddDailyCounts[[String(movement.time.prefix(10)), movement.borderPost, movement.direction.rawValue], default: 0] += 1
        }
    }

    /// Each counted cell with its period, codes (in BORDER_CROSSINGS' order) and count.
    private var crossingCells: some Sequence<(period: Period, codes: [String], count: Int)> {
        crossingCells(crossingCounts.lazy.map { ($0.key, $0.value) })
    }

    private func crossingCells(_ cells: some Sequence<(CrossingCell, Int)>) -> some Sequence<(period: Period, codes: [String], count: Int)> {
        // Each month made once (always one: the index is of a readable month, or January 2000).
        var months: [UInt64: Period] = [:]
        for cell in crossingCounts.keys where months[cell.monthAndPost >> 32] == nil {
            let index = cell.monthAndPost >> 32
            months[index] = (try? Period.month(Int(index / 12), Int(index % 12) + 1)) ?? Self.unreadableMonth
        }
        return cells.lazy.map { [months, posts, nationalities, sexes, ageGroups, purposes] cell, count in
            let codes = [posts.codes[Int(cell.monthAndPost & 0xFFFF_FFFF)], (cell.sexAgeAndDirection & 1 == 1 ? Movement.Direction.departure : .arrival).rawValue,
                         nationalities.codes[Int(cell.nationalityAndPurpose >> 32)], sexes.codes[Int(cell.sexAgeAndDirection >> 32)],
                         ageGroups.codes[Int(cell.sexAgeAndDirection >> 1 & 0x7FFF_FFFF)], purposes.codes[Int(cell.nationalityAndPurpose & 0xFFFF_FFFF)]]
            return (period: months[cell.monthAndPost >> 32] ?? Self.unreadableMonth, codes: codes, count: count)
        }
    }

    /// The crossings' observations in series-key and period order, sorted by one number a cell:
    /// its codes' ranks in their dimensions and its month — not by joined texts (comparing 260,000
    /// keys as texts was a third of getting them ready to store). Nil, and the texts are compared,
    /// when the number would not sort as the texts do: a code with a character that sorts before
    /// the key's `.` or outside ASCII, or ranks too many to fit in 64 bits.
    private func observationsByRank() -> [Observation]? {
        let dimensions = [posts, nationalities, sexes, ageGroups, purposes]
        guard dimensions.allSatisfy({ $0.codes.allSatisfy { $0.utf8.allSatisfy { $0 > UInt8(ascii: ".") && $0 < 0x80 } } }),
              let first = crossingCounts.keys.lazy.map({ $0.monthAndPost >> 32 }).min(),
              let last = crossingCounts.keys.lazy.map({ $0.monthAndPost >> 32 }).max() else { return nil }
        func bits(_ count: Int) -> Int { count <= 1 ? 0 : Int.bitWidth - (count - 1).leadingZeroBitCount }
        // Each code's rank by its number, and the bits its dimension takes (the direction: 1 bit, ARR < DEP).
        let ranks = dimensions.map { index -> [UInt64] in
            var rank = [UInt64](repeating: 0, count: index.codes.count)
            for (position, number) in index.codes.indices.sorted(by: { index.codes[$0] < index.codes[$1] }).enumerated() { rank[number] = UInt64(position) }
            return rank
        }
        let (post, nationality, sex, age, purpose) = (bits(posts.codes.count), bits(nationalities.codes.count), bits(sexes.codes.count),
                                                      bits(ageGroups.codes.count), bits(purposes.codes.count))
        let month = bits(Int(last - first) + 1)
        guard post + 1 + nationality + sex + age + purpose + month <= 64 else { return nil }
        var sorted: [(order: UInt64, cell: CrossingCell, count: Int)] = []
        sorted.reserveCapacity(crossingCounts.count)
        for (cell, count) in crossingCounts where count != 0 {
            var order = ranks[0][Int(cell.monthAndPost & 0xFFFF_FFFF)]
            order = order << 1 | (cell.sexAgeAndDirection & 1)
            order = order << nationality | ranks[1][Int(cell.nationalityAndPurpose >> 32)]
            order = order << sex | ranks[2][Int(cell.sexAgeAndDirection >> 32)]
            order = order << age | ranks[3][Int(cell.sexAgeAndDirection >> 1 & 0x7FFF_FFFF)]
            order = order << purpose | ranks[4][Int(cell.nationalityAndPurpose & 0xFFFF_FFFF)]
            order = order << month | (cell.monthAndPost >> 32 - first)
            sorted.append((order, cell, count))
        }
        sorted.sort { $0.order < $1.order }
        return Array(crossingCells(sorted.lazy.map { ($0.cell, $0.count) }).lazy.map { Observation(key: $0.codes, period: $0.period, value: Double($0.count)) })
    }

    /// The month of a crossing whose time is not a moment (as `Movement.moment` gives it).
    private static let unreadableMonth = Movement(pseudonym: "", time: "", borderPost: "", direction: .arrival, sex: "", age: nil, birthYear: nil,
                                                   nationality: "", residence: "", purpose: "").month

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
        let (outcomes, outcomesChangeAt) = rule.evaluate(movements.indices.map { ResidenceRule.Crossing(date: moment($0 - movements.startIndex).date, direction: movements[$0].direction) },
                                                         initiallyResident: initial, dataEnd: dataEnd)
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
        observationsByRank() ?? observations(crossingCells, provisional: [])
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
