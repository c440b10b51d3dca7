import Foundation

/// The crossings counted by BORDER_CROSSINGS' cells (month, post, direction, citizenship, sex, age
/// group, purpose) and by BORDER_CROSSINGS_DAILY's (day, post, direction), keyed by numbers, not
/// texts (D87): each code is numbered in its dimension's `CodeIndex` the first time it is seen.
/// This runs for every crossing, and hashing its six texts was a third of the derivation's time.
struct CrossingCounts: Sendable {
    /// A cell as numbers: its month (year × 12 + month − 1) and its codes' numbers.
    private struct Cell: Hashable {
        /// month << 32 | post
        var monthAndPost: UInt64
        /// citizenship << 32 | purpose
        var nationalityAndPurpose: UInt64
        /// sex << 32 | age group << 1 | direction (1: departure)
        var sexAgeAndDirection: UInt64

        var month: UInt64 { monthAndPost >> 32 }
        var post: Int { Int(monthAndPost & 0xFFFF_FFFF) }
        var nationality: Int { Int(nationalityAndPurpose >> 32) }
        var purpose: Int { Int(nationalityAndPurpose & 0xFFFF_FFFF) }
        var sex: Int { Int(sexAgeAndDirection >> 32) }
        var ageGroup: Int { Int((sexAgeAndDirection >> 1) & 0x7FFF_FFFF) }
        var direction: Movement.Direction { sexAgeAndDirection & 1 == 1 ? .departure : .arrival }
    }

    private var cellCounts: [Cell: Int] = [:]
    /// Keyed by one number a crossing: (day + `dayOffset`) << 33 | post << 1 | direction.
    private var dayCounts: [UInt64: Int] = [:]
    /// Days before 1970 are negative; the key's day is counted from year 0.
    private static let dayOffset = 1 << 22
    /// Crossings whose time is not a readable moment (none once an extract is read), by their first ten characters.
    private var oddDayCounts: [[String]: Int] = [:]
    private var posts = CodeIndex(), nationalities = CodeIndex(), sexes = CodeIndex(), ageGroups = CodeIndex(), purposes = CodeIndex()

    mutating func count(_ movement: Movement) {
        let fields = Movement.fields(movement.time)
        // The month as `Movement.moment` gives it: January 2000 for a time that is not one.
        var month = 2000 * 12
        if let (y, m, _, _, _) = fields, (Period.minYear...Period.maxYear).contains(y) { month = y * 12 + m - 1 }
        let post = UInt64(posts.number(movement.borderPost)), departure: UInt64 = movement.direction == .departure ? 1 : 0
        let cell = Cell(
            monthAndPost: UInt64(month) << 32 | post,
            nationalityAndPurpose: UInt64(nationalities.number(movement.nationality)) << 32 | UInt64(purposes.number(movement.purpose)),
            sexAgeAndDirection: UInt64(sexes.number(movement.sex)) << 32 | UInt64(ageGroups.number(Movement.ageGroup(movement.age))) << 1 | departure)
        cellCounts[cell, default: 0] += 1
        if let (y, m, d, _, _) = fields {
            dayCounts[UInt64(CivilDate.daysFromCivil(y, m, d) + Self.dayOffset) << 33 | post << 1 | departure, default: 0] += 1
        } else {
            oddDayCounts[[String(movement.time.prefix(10)), movement.borderPost, movement.direction.rawValue], default: 0] += 1
        }
    }

    /// By month and the BORDER_CROSSINGS dimensions (month first).
    var crossings: [[String]: Int] {
        Dictionary(cells.map { ([$0.period.formatted] + $0.codes, $0.count) }, uniquingKeysWith: +)
    }

    /// By day, post and direction.
    var daily: [[String]: Int] {
        var daily = oddDayCounts
        for (key, count) in dayCounts {
            let (y, m, d) = CivilDate.civilFromDays(Int(key >> 33) - Self.dayOffset)
            let direction: Movement.Direction = key & 1 == 1 ? .departure : .arrival
            daily[[Period.isoDate(y, m, d), posts.codes[Int((key >> 1) & 0xFFFF_FFFF)], direction.rawValue], default: 0] += count
        }
        return daily
    }

    /// Each cell with its period, codes (in BORDER_CROSSINGS' order) and count.
    var cells: some Sequence<(period: Period, codes: [String], count: Int)> {
        cells(cellCounts.lazy.map { ($0.key, $0.value) })
    }

    private func cells(_ cells: some Sequence<(Cell, Int)>) -> some Sequence<(period: Period, codes: [String], count: Int)> {
        // Each month made once (always one: the index is of a readable month, or January 2000).
        var months: [UInt64: Period] = [:]
        for cell in cellCounts.keys where months[cell.month] == nil {
            months[cell.month] = (try? Period.month(Int(cell.month / 12), Int(cell.month % 12) + 1)) ?? Self.unreadableMonth
        }
        return cells.lazy.map { [months, posts, nationalities, sexes, ageGroups, purposes] cell, count in
            let codes = [posts.codes[cell.post], cell.direction.rawValue, nationalities.codes[cell.nationality], sexes.codes[cell.sex],
                         ageGroups.codes[cell.ageGroup], purposes.codes[cell.purpose]]
            return (period: months[cell.month] ?? Self.unreadableMonth, codes: codes, count: count)
        }
    }

    /// The cells as observations in series-key and period order, sorted by one number a cell: its
    /// codes' ranks in their dimensions and its month — not by joined texts (comparing 260,000
    /// keys as texts was a third of getting them ready to store). Nil, and the texts are to be
    /// compared, when the number would not sort as the texts do: a code with a character that sorts
    /// before the key's `.` or outside ASCII, or ranks too many to fit in 64 bits.
    func observationsByRank() -> [Observation]? {
        let dimensions = [posts, nationalities, sexes, ageGroups, purposes]
        guard dimensions.allSatisfy({ $0.codes.allSatisfy { $0.utf8.allSatisfy { $0 > UInt8(ascii: ".") && $0 < 0x80 } } }),
              let first = cellCounts.keys.lazy.map(\.month).min(), let last = cellCounts.keys.lazy.map(\.month).max() else { return nil }
        func bits(_ count: Int) -> Int { count <= 1 ? 0 : Int.bitWidth - (count - 1).leadingZeroBitCount }
        // Each code's rank by its number (the direction: one bit, ARR before DEP).
        let ranks = dimensions.map { index -> [UInt64] in
            var rank = [UInt64](repeating: 0, count: index.codes.count)
            for (position, number) in index.codes.indices.sorted(by: { index.codes[$0] < index.codes[$1] }).enumerated() { rank[number] = UInt64(position) }
            return rank
        }
        let widths = dimensions.map { bits($0.codes.count) }, month = bits(Int(last - first) + 1)
        guard widths.reduce(1 + month, +) <= 64 else { return nil }
        var sorted: [(order: UInt64, cell: Cell, count: Int)] = []
        sorted.reserveCapacity(cellCounts.count)
        for (cell, count) in cellCounts where count != 0 {
            // The key's order: post, direction, citizenship, sex, age group, purpose; then the month.
            var order = ranks[0][cell.post]
            order = order << 1 | (cell.direction == .departure ? 1 : 0)
            order = order << widths[1] | ranks[1][cell.nationality]
            order = order << widths[2] | ranks[2][cell.sex]
            order = order << widths[3] | ranks[3][cell.ageGroup]
            order = order << widths[4] | ranks[4][cell.purpose]
            order = order << month | (cell.month - first)
            sorted.append((order, cell, count))
        }
        sorted.sort { $0.order < $1.order }
        return Array(cells(sorted.lazy.map { ($0.cell, $0.count) }).lazy.map { Observation(key: $0.codes, period: $0.period, value: Double($0.count)) })
    }

    /// The month of a crossing whose time is not a moment (as `Movement.moment` gives it).
    private static let unreadableMonth = Movement(pseudonym: "", time: "", borderPost: "", direction: .arrival, sex: "", age: nil, birthYear: nil,
                                                   nationality: "", residence: "", purpose: "").month
}
