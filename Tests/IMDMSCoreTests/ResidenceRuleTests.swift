import Foundation
import IMDMSCore
import Testing

/// The 12/16-month rule on hand-built timelines.
@Suite("12/16-month rule")
struct ResidenceRuleTests {
    static let rule = ResidenceRule()

    static func date(_ text: String) -> Date {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        return f.date(from: text)!
    }

    static func crossings(_ list: [(String, Movement.Direction)]) -> [ResidenceRule.Crossing] {
        list.map { ResidenceRule.Crossing(date: date($0.0), direction: $0.1) }
    }

    static let end = date("2030-01-01")

    @Test("Exactly 12 months away is a long-term departure, and the return after it a long-term arrival")
    func exactlyTwelve() {
        let out = Self.rule.outcomes(of: Self.crossings([("2021-03-01", .departure), ("2022-03-01", .arrival)]), initiallyResident: true, dataEnd: Self.end)
        #expect(out.map(\.isLongTermDeparture) == [true, false])
        #expect(out.map(\.isLongTermArrival) == [false, true])
        #expect(out.allSatisfy { !$0.isProvisional })
    }

    @Test("A return after 11 months is no migration either way")
    func elevenMonths() {
        let out = Self.rule.outcomes(of: Self.crossings([("2021-03-01", .departure), ("2022-02-01", .arrival)]), initiallyResident: true, dataEnd: Self.end)
        #expect(out.allSatisfy { !$0.isLongTermArrival && !$0.isLongTermDeparture && $0.residentAfter })
    }

    @Test("Several short trips home inside one window: the departure still counts, the trips do not")
    func severalTrips() {
        // Leaves in January 2021; comes back for two weeks in June and in December; 12+ months away in total.
        let out = Self.rule.outcomes(of: Self.crossings([
            ("2021-01-10", .departure), ("2021-06-01", .arrival), ("2021-06-15", .departure),
            ("2021-12-20", .arrival), ("2022-01-03", .departure),
        ]), initiallyResident: true, dataEnd: Self.end)
        #expect(out.map(\.isLongTermDeparture) == [true, false, false, false, false])
        #expect(out.allSatisfy { !$0.isLongTermArrival })
    }

    @Test("An emigrant's short visits home are neither arrivals of migrants nor new departures")
    func emigrantVisits() {
        let out = Self.rule.outcomes(of: Self.crossings([
            ("2021-02-01", .departure), ("2022-12-20", .arrival), ("2023-01-05", .departure),
            ("2023-12-18", .arrival), ("2024-01-04", .departure),
        ]), initiallyResident: true, dataEnd: Self.end)
        #expect(out.filter(\.isLongTermDeparture).count == 1 && out[0].isLongTermDeparture)
        #expect(!out.contains { $0.isLongTermArrival })
        #expect(out.dropFirst().allSatisfy { !$0.residentAfter })
    }

    @Test("A window cut by the end of the data is provisional, changes nothing yet, and is decided by later data")
    func cutWindow() {
        let timeline = Self.crossings([("2023-06-01", .departure)])
        let early = Self.rule.outcomes(of: timeline, initiallyResident: true, dataEnd: Self.date("2024-01-01"))
        #expect(early == [.init(residentAfter: true, isLongTermArrival: false, isLongTermDeparture: false, isProvisional: true)])
        let later = Self.rule.outcomes(of: timeline, initiallyResident: true, dataEnd: Self.date("2024-07-01"))
        #expect(later == [.init(residentAfter: false, isLongTermArrival: false, isLongTermDeparture: true, isProvisional: false)])
    }

    @Test("A cut window is final once the status can no longer change: a resident's short trip, a visitor's short stay; one still away stays open")
    func decidedBeforeTheWindowEnds() {
        let trip = Self.crossings([("2023-06-01", .departure), ("2023-06-03", .arrival)])
        let unchanged = ResidenceRule.Outcome(residentAfter: true, isLongTermArrival: false, isLongTermDeparture: false, isProvisional: false)
        // A month on, 12 months away are still possible; five months on (2 days away + 11 months left) they are not.
        #expect(Self.rule.outcomes(of: trip, initiallyResident: true, dataEnd: Self.date("2023-07-01")).map(\.isProvisional) == [true, true])
        #expect(Self.rule.outcomes(of: trip, initiallyResident: true, dataEnd: Self.date("2023-11-01")) == [unchanged, unchanged])
        let stay = Self.crossings([("2023-06-01", .arrival), ("2023-06-20", .departure)])
        let visitor = Self.rule.outcomes(of: stay, initiallyResident: false, dataEnd: Self.date("2023-11-01"))
        #expect(visitor.allSatisfy { !$0.isProvisional && !$0.residentAfter && !$0.isLongTermArrival })
        #expect(Self.rule.outcomes(of: stay, initiallyResident: false, dataEnd: Self.date("2023-07-15")).map(\.isProvisional) == [true, true])
        // Away since March: every month of the window may still be spent away.
        let away = Self.rule.outcomes(of: Self.crossings([("2023-03-01", .departure)]), initiallyResident: true, dataEnd: Self.date("2024-01-01"))
        #expect(away.map(\.isProvisional) == [true] && away[0].residentAfter)
    }

    @Test("A foreigner whose first record is an arrival and who stays is a long-term arrival; a visitor is not")
    func firstRecordArrival() {
        let settler = Self.rule.outcomes(of: Self.crossings([("2021-05-01", .arrival)]), initiallyResident: false, dataEnd: Self.end)
        #expect(settler.map(\.isLongTermArrival) == [true])
        let visitor = Self.rule.outcomes(of: Self.crossings([("2021-05-01", .arrival), ("2021-05-20", .departure)]), initiallyResident: false, dataEnd: Self.end)
        #expect(visitor.allSatisfy { !$0.isLongTermArrival && !$0.isLongTermDeparture && !$0.residentAfter })
    }

    @Test("Pseudonyms: same person, same pseudonym whatever the spelling of the number; another key, another pseudonym; short keys refused")
    func pseudonyms() throws {
        let key = Data((0..<32).map { UInt8($0) })
        let p = try Pseudonymiser(key: key)
        #expect(p.pseudonym(documentNumber: "RA 864-8080", nationality: "LSO") == p.pseudonym(documentNumber: "ra8648080", nationality: "lso"))
        #expect(p.pseudonym(documentNumber: "RA8648080", nationality: "LSO") != p.pseudonym(documentNumber: "RA8648080", nationality: "ZAF"))
        #expect(try Pseudonymiser(key: Data(key.reversed())).pseudonym(documentNumber: "RA8648080", nationality: "LSO") != p.pseudonym(documentNumber: "RA8648080", nationality: "LSO"))
        #expect(p.pseudonym(documentNumber: "RA8648080", nationality: "LSO").count == 32)
        #expect(throws: MovementError.keyTooShort(bytes: 8)) { try Pseudonymiser(key: Data(count: 8)) }
        #expect(throws: MovementError.noKey) { try Pseudonymiser.load(path: nil) }
    }

    static func movement(_ time: String, _ direction: Movement.Direction, nationality: String = "ZAF") -> Movement {
        Movement(pseudonym: "p", time: time, borderPost: "MSB", direction: direction, sex: "F", age: 30, birthYear: 1991,
                 nationality: nationality, residence: nationality, purpose: "TOUR")
    }

    @Test("Visitors: a short stay, an overstay, one still present beyond the permitted stay; residents and immigrants are not visitors")
    func visits() throws {
        var derivation = MigrationDerivation(homeCountry: "LSO", dataEnd: Self.date("2023-01-01"), permittedStayDays: 90)
        derivation.add(person: [Self.movement("2021-03-01T10:00", .arrival), Self.movement("2021-03-11T10:00", .departure),
                                Self.movement("2021-06-01T10:00", .arrival), Self.movement("2021-10-01T10:00", .departure)])
        var other = Self.movement("2022-11-01T10:00", .arrival)
        other.pseudonym = "q"
        derivation.add(person: [other])
        derivation.add(person: [Self.movement("2021-05-01T08:00", .departure, nationality: "LSO"), Self.movement("2021-05-03T08:00", .arrival, nationality: "LSO")])
        var settler = Self.movement("2021-01-10T09:00", .arrival, nationality: "ZWE")
        settler.pseudonym = "s"
        derivation.add(person: [settler])
        let march = try #require(derivation.visits[["2021-03", "ZAF"]])
        #expect(march.visitors == 1 && march.completed == 1 && march.totalDays == 10 && march.overstays == 0)
        let june = try #require(derivation.visits[["2021-06", "ZAF"]])
        #expect(june.overstays == 1 && june.totalDays == 122)
        let november = try #require(derivation.visits[["2022-11", "ZAF"]])
        #expect(november.stillPresent == 1 && november.overstays == 0, "61 days by the end of the data")
        #expect(derivation.visits[["2021-05", "LSO"]] == nil, "a resident's return is no visit")
        #expect(derivation.visits[["2021-01", "ZWE"]] == nil, "an immigrant who stays is no visitor")
        // As VISITOR_STAYS observations: five measures a month and citizenship; November 2022 is
        // provisional (30 Nov + 90 days lies past the end of the data), June 2021 is not.
        let observations = derivation.visitObservations()
        func value(_ month: String, _ measure: String) -> Observation? { observations.first { $0.period.formatted == month && $0.key == ["ZAF", measure] } }
        #expect(observations.count == 15)
        #expect(value("2021-06", "DAYS")?.value == 122 && value("2021-06", "OVERSTAY")?.value == 1 && value("2021-06", "ARR")?.status == .normal)
        #expect(value("2022-11", "PRESENT")?.value == 1 && value("2022-11", "COMPLETED")?.value == 0 && value("2022-11", "ARR")?.status == .provisional)
    }

    /// The rule as first written: each window walked crossing by crossing (the reference the summed
    /// form must equal exactly).
    static func walked(_ crossings: [ResidenceRule.Crossing], initiallyResident: Bool, dataEnd: Date) -> [ResidenceRule.Outcome] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let required = Double(rule.requiredDays) * 86_400
        var resident = initiallyResident
        return crossings.enumerated().map { index, crossing in
            let windowEnd = calendar.date(byAdding: .month, value: rule.windowMonths, to: crossing.date)!
            let horizon = min(windowEnd, dataEnd)
            var inside = 0.0, outside = 0.0, from = crossing.date, isInside = crossing.direction == .arrival, next = index + 1
            while from < horizon {
                let until = next < crossings.count ? min(crossings[next].date, horizon) : horizon
                if until > from { if isInside { inside += until.timeIntervalSince(from) } else { outside += until.timeIntervalSince(from) } }
                guard next < crossings.count, crossings[next].date < horizon else { break }
                isInside = crossings[next].direction == .arrival
                from = crossings[next].date
                next += 1
            }
            let before = resident
            var provisional = false
            if inside >= required { resident = true } else if outside >= required { resident = false } else if horizon < windowEnd {
                provisional = (resident ? outside : inside) + windowEnd.timeIntervalSince(horizon) >= required
            }
            return ResidenceRule.Outcome(residentAfter: resident, isLongTermArrival: crossing.direction == .arrival && !before && resident,
                                         isLongTermDeparture: crossing.direction == .departure && before && !resident, isProvisional: provisional)
        }
    }

    @Test("The windows summed once give exactly what walking each window gives: 2,000 random timelines (commuters, long stays, equal minutes, the data ending inside them)")
    func summedEqualsWalked() {
        var random = SystemRandomNumberGenerator()
        let start = Self.date("2019-01-01").timeIntervalSince1970
        for _ in 0..<2_000 {
            var minute = Double(Int.random(in: 0..<(3 * 525_600), using: &random))
            let crossings = (0..<Int.random(in: 1...80, using: &random)).map { _ -> ResidenceRule.Crossing in
                let gap = [0, Int.random(in: 1...14_400, using: &random), Int.random(in: 100_000...900_000, using: &random)].randomElement(using: &random)!
                minute += Double(gap)
                return ResidenceRule.Crossing(date: Date(timeIntervalSince1970: start + minute * 60),
                                              direction: Bool.random(using: &random) ? .arrival : .departure)
            }
            let last = crossings.last!.date.timeIntervalSince1970
            let end = [last + 60, last - Double(Int.random(in: 0...40_000_000, using: &random)), last + Double(Int.random(in: 0...20_000_000, using: &random)) + 0.37]
                .randomElement(using: &random)!
            let resident = Bool.random(using: &random)
            let summed = Self.rule.outcomes(of: crossings, initiallyResident: resident, dataEnd: Date(timeIntervalSince1970: end))
            let walked = Self.walked(crossings, initiallyResident: resident, dataEnd: Date(timeIntervalSince1970: end))
            #expect(summed == walked)
            if summed != walked { return }
        }
    }
}
