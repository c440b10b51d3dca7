import Foundation
import IMDMSCore
import Testing

/// When a person's statistics can change without a new crossing (D83): until then the derivation
/// leaves them out, so moving the data's end anywhere before it must change nothing.
@Suite("12/16-month rule: the end of the data moving on")
struct ChangesAtTests {
    static let start = ResidenceRuleTests.date("2019-01-01").timeIntervalSince1970

    /// A random timeline of one person: commuting, short trips, long stays, equal minutes.
    static func timeline(_ random: inout some RandomNumberGenerator) -> [Movement] {
        var minute = Double(Int.random(in: 0..<(3 * 525_600), using: &random))
        let nationality = Bool.random(using: &random) ? "LSO" : "ZAF"
        return (0..<Int.random(in: 1...60, using: &random)).map { _ in
            let gap = [0, Int.random(in: 1...14_400, using: &random), Int.random(in: 100_000...900_000, using: &random)].randomElement(using: &random)!
            minute += Double(gap)
            let time = Movement.timeText(Date(timeIntervalSince1970: start + minute * 60))
            var movement = ResidenceRuleTests.movement(time, Bool.random(using: &random) ? .arrival : .departure, nationality: nationality)
            movement.sex = Bool.random(using: &random) ? "F" : "M"
            return movement
        }
    }

    @Test("Before the time the derivation gives, any later end of the data gives the same flows, visits and provisional months (3,000 random timelines)")
    func nothingChangesBefore() {
        var random = SystemRandomNumberGenerator()
        var waited = 0, open = 0
        for _ in 0..<3_000 {
            let movements = Self.timeline(&random)
            let last = Movement.parseTime(movements.last!.time)!.timeIntervalSince1970
            let end = Date(timeIntervalSince1970: last + 60 + Double(Int.random(in: 0...3, using: &random) * Int.random(in: 0...10_000_000, using: &random)))
            let resident: Bool? = [nil, true, false].randomElement(using: &random)!
            var before = MigrationDerivation(homeCountry: "LSO", dataEnd: end)
            let settled = before.addOutcomes(of: movements, initiallyResident: resident, sign: 1)
            let until = settled.changesAt ?? end.addingTimeInterval(3 * 365 * 86_400)
            #expect(until >= end, "a change before the end of the data: \(until) < \(end)")
            guard until > end else { continue }
            if settled.changesAt != nil { open += 1 }
            let later = Date(timeIntervalSince1970: Double.random(in: end.timeIntervalSince1970..<until.timeIntervalSince1970, using: &random).rounded(.down))
            if later.timeIntervalSince(end) > 30 * 86_400 { waited += 1 }
            var after = MigrationDerivation(homeCountry: "LSO", dataEnd: later)
            after.addOutcomes(of: movements, initiallyResident: resident, sign: 1)
            #expect(after.flows == before.flows && after.visits == before.visits && after.provisionalCounts == before.provisionalCounts,
                    "\(movements.map { "\($0.time) \($0.direction.rawValue)" }) \(resident.map(String.init) ?? "-") from \(end) to \(later)")
            if after.flows != before.flows || after.visits != before.visits || after.provisionalCounts != before.provisionalCounts { return }
        }
        #expect(open > 300 && waited > 300, "\(open) timelines with an open outcome, \(waited) ends moved more than 30 days")
    }

    @Test("A moment written as a crossing's time: the minute, seconds dropped, before 1970 too; read back as it was")
    func timeText() {
        #expect(Movement.timeText(ResidenceRuleTests.date("2023-06-01").addingTimeInterval(8 * 3_600 + 15 * 60 + 59)) == "2023-06-01T08:15")
        #expect(Movement.timeText(ResidenceRuleTests.date("1969-12-31").addingTimeInterval(23 * 3_600 + 59 * 60)) == "1969-12-31T23:59")
        #expect(Movement.parseTime(Movement.timeText(ResidenceRuleTests.date("2024-02-29"))) == ResidenceRuleTests.date("2024-02-29"))
    }

    @Test("The time is not later than needed: an open crossing is decided once the data reaches it")
    func decidedThen() throws {
        // A resident's day trip in June 2023, the data ending a month on: open until 12 months
        // away are out of reach (2 days away + what is left of the 16 months < 365 days).
        let trip = [ResidenceRuleTests.movement("2023-06-01T10:00", .departure, nationality: "LSO"),
                    ResidenceRuleTests.movement("2023-06-03T10:00", .arrival, nationality: "LSO")]
        var early = MigrationDerivation(homeCountry: "LSO", dataEnd: ResidenceRuleTests.date("2023-07-01"))
        let changesAt = early.addOutcomes(of: trip, initiallyResident: nil, sign: 1).changesAt
        #expect(!early.provisionalCounts.isEmpty)
        let at = try #require(changesAt)
        #expect(at > ResidenceRuleTests.date("2023-09-01") && at < ResidenceRuleTests.date("2023-11-01"), "\(at)")
        var then = MigrationDerivation(homeCountry: "LSO", dataEnd: at.addingTimeInterval(60))
        let settled = then.addOutcomes(of: trip, initiallyResident: nil, sign: 1)
        #expect(then.provisionalCounts.values.allSatisfy { $0 == 0 } && settled.changesAt == nil && settled.count == 2)
    }
}
