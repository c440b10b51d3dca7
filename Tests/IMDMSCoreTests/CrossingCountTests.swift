import Foundation
import Testing
@testable import IMDMSCore

/// The crossings counted by numbered codes (`CodeIndex`) come out as the texts would: the same
/// cells and counts, and in series-key and period order — also for codes of different lengths,
/// where the order by ranks must match the order of the joined keys, and for codes with a
/// character that sorts before the key's dot, where the ranks are not used.
@Suite("Crossings counted by numbered codes")
struct CrossingCountTests {
    static func crossings(posts: [String], count: Int, seed: UInt64) -> [Movement] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let month = 1 + Int(random.next() % 12), day = 1 + Int(random.next() % 28)
            let time = "202\(random.next() % 3)-\(Period.pad(month, 2))-\(Period.pad(day, 2))T\(Period.pad(Int(random.next() % 24), 2)):05"
            return Movement(pseudonym: "p\(index % 50)", time: index % 97 == 0 ? "not a time" : time, borderPost: posts[Int(random.next() % UInt64(posts.count))],
                            direction: random.next() % 2 == 0 ? .arrival : .departure, sex: ["F", "M", "_U"][Int(random.next() % 3)],
                            age: random.next() % 9 == 0 ? nil : Int(random.next() % 90), birthYear: nil,
                            nationality: ["LSO", "ZAF", "ZWE", "GB"][Int(random.next() % 4)], residence: "",
                            purpose: ["WORK", "STUDY", "VISIT", "W"][Int(random.next() % 4)])
        }
    }

    @Test("The same cells, counts and order as texts compared", arguments: [["MSU", "MS", "M", "VRG", "QNK"], ["MSU", "M-1", "M", "M$"]])
    func sameAsTexts(posts: [String]) {
        var derivation = MigrationDerivation(homeCountry: "LSO", dataEnd: Date())
        let movements = Self.crossings(posts: posts, count: 5_000, seed: 7)
        for movement in movements { derivation.count(crossing: movement) }
        let observations = derivation.crossingObservations()
        // What the texts give: each crossing's cell counted by its month and codes.
        var expected: [String: Int] = [:]
        for movement in movements {
            let codes = [movement.borderPost, movement.direction.rawValue, movement.nationality, movement.sex, Movement.ageGroup(movement.age), movement.purpose]
            expected[movement.month.formatted + "|" + codes.joined(separator: "."), default: 0] += 1
        }
        #expect(Dictionary(uniqueKeysWithValues: observations.map { ($0.period.formatted + "|" + $0.seriesKey, Int($0.value ?? 0)) }) == expected)
        let pairs = observations.map { ($0.seriesKey, $0.period) }
        #expect(zip(pairs, pairs.dropFirst()).allSatisfy { $0 < $1 }, "in series-key and period order")
        #expect(observations.count == expected.count)
        // The daily counts too, by day, post and direction (an unreadable time by its first ten characters).
        var days: [[String]: Int] = [:]
        for movement in movements { days[[String(movement.time.prefix(10)), movement.borderPost, movement.direction.rawValue], default: 0] += 1 }
        #expect(derivation.daily == days)
    }
}
