import IMDMSCore
@testable import IMDMSStorage
import Testing

/// A person's crossings as the derivation reads them back: on SQLite they come in the order the
/// index gives them (no ORDER BY inside the aggregate), so the order is checked and, if wrong, put
/// right — each crossing keeping its own "new" mark.
@Suite("Traveller records: a person's crossings read back in the store's key order")
struct MovementPeopleOrderTests {
    static func crossing(_ time: String, _ post: String, _ direction: Movement.Direction) -> Movement {
        Movement(pseudonym: "p", time: time, borderPost: post, direction: direction, sex: "F", age: 30, birthYear: nil,
                 nationality: "LSO", residence: "", purpose: "WORK")
    }

    @Test("Out of order: sorted by time, post and direction, the new marks moved with their crossings")
    func sortsOutOfOrder() {
        let a = Self.crossing("2024-01-02T08:00", "MSU", .departure), b = Self.crossing("2024-01-02T08:00", "MSU", .arrival)
        let c = Self.crossing("2024-01-01T09:30", "QNK", .arrival), d = Self.crossing("2024-01-02T08:00", "FIC", .departure)
        var person = MovementPeople.Person(pseudonym: "p", settledUntil: "", resident: nil, movements: [a, b, c, d], isNew: [true, false, true, false])
        person.putInOrder()
        #expect(person.movements == [c, d, b, a])
        #expect(person.isNew == [true, false, false, true])
    }

    @Test("Already in order: left as it is")
    func keepsOrder() {
        let a = Self.crossing("2024-01-01T09:30", "QNK", .arrival), b = Self.crossing("2024-01-02T08:00", "MSU", .departure)
        var person = MovementPeople.Person(pseudonym: "p", settledUntil: "", resident: nil, movements: [a, b], isNew: [false, true])
        person.putInOrder()
        #expect(person.movements == [a, b])
        #expect(person.isNew == [false, true])
    }
}
