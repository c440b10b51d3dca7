import Foundation
import Testing
@testable import IMDMSCore
@testable import IMDMSStorage

/// The stored attributes text: numbers written as `String(number)` writes them, and read back to
/// the same crossing.
@Suite("A crossing's attributes as one text")
struct CrossingAttributesTextTests {
    @Test("Digits as String writes them", arguments: [Array(0...2_100), [9_999, 10_000, 123_456_789, Int.max, -1, -120, Int.min]])
    func digits(numbers: [Int]) {
        for number in numbers {
            var bytes: [UInt8] = []
            CrossingAttributes.appendDigits(of: number, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(number))
        }
    }

    @Test("Read back to the same crossing")
    func roundTrip() {
        for (age, year) in [(0, 2024), (35, 1989), (nil, nil), (120, nil)] as [(Int?, Int?)] {
            let movement = Movement(pseudonym: "p", time: "2024-01-02T03:04", borderPost: "MSU", direction: .departure, sex: "F", age: age,
                                    birthYear: year, nationality: "LSO", residence: "ZAF", purpose: "WORK")
            #expect(CrossingAttributes.movement(pseudonym: "p", time: movement.time, borderPost: "MSU", direction: "DEP",
                                                attributes: CrossingAttributes.text(of: movement)) == movement)
        }
    }
}
