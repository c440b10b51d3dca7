import IMDMSCore
import Testing

@Suite("Periods")
struct PeriodTests {
    @Test("Parses and formats the four SDMX forms", arguments: [
        ("2022", Frequency.annual), ("2022-Q4", .quarterly), ("2022-12", .monthly), ("2022-12-24", .daily),
    ])
    func roundTrip(text: String, frequency: Frequency) throws {
        let period = try Period(parsing: text)
        #expect(period.frequency == frequency)
        #expect(period.formatted == text)
    }

    @Test("Accepts SDMX reporting-period spellings and surrounding spaces")
    func alternativeSpellings() throws {
        #expect(try Period(parsing: "2022-q3").formatted == "2022-Q3")
        #expect(try Period(parsing: "2022-M07").formatted == "2022-07")
        #expect(try Period(parsing: "2022-A1").formatted == "2022")
        #expect(try Period(parsing: " 2022-01 ").formatted == "2022-01")
    }

    @Test("Leap days exist only in leap years")
    func leapDays() throws {
        #expect(try Period(parsing: "2024-02-29").formatted == "2024-02-29")
        #expect(try Period(parsing: "2000-02-29").endDate == "2000-02-29")
        #expect(throws: PeriodError.self) { try Period(parsing: "2023-02-29") }
        #expect(throws: PeriodError.self) { try Period(parsing: "1900-02-29") }
        #expect(try Period(parsing: "2024-02").endDate == "2024-02-29")
        #expect(try Period(parsing: "2023-02").endDate == "2023-02-28")
    }

    @Test("Refuses bad strings with a reason that names the problem", arguments: [
        ("", "empty"), ("22", "four-digit year"), ("abcd", "four-digit year"), ("2022-13", "month"),
        ("2022-00", "month"), ("2022-Q5", "quarter"), ("2022-Q0", "quarter"), ("2022-W05", "week"),
        ("2022-123", "ordinal"), ("2022-S1", "half-year"), ("2022-1", "YYYY-Qn or YYYY-MM"),
        ("2022-12-1", "YYYY-MM-DD"), ("2022-04-31", "day must be 01 to 30"), ("2022-12-24T10:00", "YYYY-MM-DD"),
        ("2022-12-24-01", "one of"), ("1899", "outside"), ("+2022", "four-digit year"),
    ])
    func badStrings(text: String, reasonFragment: String) {
        do {
            _ = try Period(parsing: text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.text == text)
            #expect(error.reason.contains(reasonFragment), "reason was: \(error.reason)")
        }
    }

    @Test("Orders by start, longer periods first on the same start")
    func ordering() throws {
        let texts = ["2022-01-01", "2021-12", "2022-01", "2022", "2022-Q1", "2021"]
        let sorted = try texts.map { try Period(parsing: $0) }.sorted().map(\.formatted)
        #expect(sorted == ["2021", "2021-12", "2022", "2022-Q1", "2022-01", "2022-01-01"])
        // Compared as numbers, ordered exactly as the first day's ISO text and then the frequency.
        var generator = SystemRandomNumberGenerator()
        let all = (0..<400).map { _ -> Period in
            let year = Int.random(in: 1998...2003, using: &generator)
            return switch Int.random(in: 0..<4, using: &generator) {
            case 0: try! Period(parsing: "\(year)")
            case 1: try! Period(parsing: "\(year)-Q\(Int.random(in: 1...4, using: &generator))")
            case 2: try! Period(parsing: String(format: "%d-%02d", year, Int.random(in: 1...12, using: &generator)))
            default: try! Period(parsing: String(format: "%d-%02d-%02d", year, Int.random(in: 1...12, using: &generator), Int.random(in: 1...28, using: &generator)))
            }
        }
        for (a, b) in zip(all, all.shuffled()) {
            #expect((a < b) == ((a.startDate, a.frequency) < (b.startDate, b.frequency)), "\(a) < \(b)")
        }
    }

    @Test("Maps to the containing quarter and year")
    func containing() throws {
        #expect(try Period(parsing: "2022-12-24").containingQuarter?.formatted == "2022-Q4")
        #expect(try Period(parsing: "2022-04").containingQuarter?.formatted == "2022-Q2")
        #expect(try Period(parsing: "2022-03").containingQuarter?.formatted == "2022-Q1")
        #expect(try Period(parsing: "2022").containingQuarter == nil)
        #expect(try Period(parsing: "2022-Q3").containingYear.formatted == "2022")
        #expect(try Period(parsing: "2022-02-28").converted(to: .monthly)?.formatted == "2022-02")
        #expect(try Period(parsing: "2022-02").converted(to: .daily) == nil)
        #expect(try Period(parsing: "2022").contains(Period(parsing: "2022-Q4")))
        #expect(try !Period(parsing: "2022-Q1").contains(Period(parsing: "2022-04")))
    }

    @Test("Checks a period against a dataset's frequency")
    func frequencyCheck() throws {
        try Period(parsing: "2022-Q4").check(against: .quarterly)
        #expect(throws: PeriodError.self) { try Period(parsing: "2022-12").check(against: .quarterly) }
    }

    @Test("Steps forward across month, year and leap-day boundaries")
    func stepping() throws {
        #expect(try Period(parsing: "2022-12").next.formatted == "2023-01")
        #expect(try Period(parsing: "2022-Q4").next.formatted == "2023-Q1")
        #expect(try Period(parsing: "2024-02-28").next.formatted == "2024-02-29")
        #expect(try Period(parsing: "2024-02-29").next.formatted == "2024-03-01")
        #expect(try Period(parsing: "2023-02-28").next.formatted == "2023-03-01")
        #expect(try Period(parsing: "2022-12-31").next.formatted == "2023-01-01")
        #expect(try Period(parsing: "2024-02-29").yearEarlier?.formatted == "2023-02-28")
        #expect(try Period(parsing: "2022-Q4").yearEarlier?.formatted == "2021-Q4")
        let months = try Period(parsing: "2022-11").through(Period(parsing: "2023-02")).map(\.formatted)
        #expect(months == ["2022-11", "2022-12", "2023-01", "2023-02"])
    }

    @Test("Travels as its text in JSON")
    func codable() throws {
        let data = try JSONEncoder().encode([try Period(parsing: "2022-Q4")])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2022-Q4\"]")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Period].self, from: Data("[\"2022-Q9\"]".utf8)) }
    }
}

import Foundation
