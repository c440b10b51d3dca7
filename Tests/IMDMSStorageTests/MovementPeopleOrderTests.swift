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
        var person = MovementPeople.Person(person: 1, settledUntil: "", resident: nil, movements: [a, b, c, d], isNew: [true, false, true, false])
        person.putInOrder()
        #expect(person.movements == [c, d, b, a])
        #expect(person.isNew == [true, false, false, true])
    }

    @Test("Already in order: left as it is")
    func keepsOrder() {
        let a = Self.crossing("2024-01-01T09:30", "QNK", .arrival), b = Self.crossing("2024-01-02T08:00", "MSU", .departure)
        var person = MovementPeople.Person(person: 1, settledUntil: "", resident: nil, movements: [a, b], isNew: [false, true])
        person.putInOrder()
        #expect(person.movements == [a, b])
        #expect(person.isNew == [false, true])
    }

    /// The text kept for a person's open crossings is taken from the kept text where it holds them;
    /// it must be what writing the crossings out gives, from any crossing on.
    @Test("The open crossings' text from the kept one equals the crossings written out, from every crossing on",
          arguments: ["in order", "a late record", "a damaged kept crossing", "nothing kept", "nothing new"])
    func openText(_ shape: String) {
        let kept = [Self.crossing("2023-11-02T08:00", "MSU", .departure), Self.crossing("2023-11-20T17:45", "MSU", .arrival),
                    Self.crossing("2023-12-01T06:10", "QNK", .departure), Self.crossing("2023-12-24T19:00", "FIC", .arrival)]
        var new = [Self.crossing("2024-01-03T07:00", "MSU", .departure), Self.crossing("2024-01-09T18:30", "MSU", .arrival)]
        if shape == "a late record" { new.append(Self.crossing("2023-11-25T10:00", "QNK", .departure)) }
        if shape == "nothing new" { new = [] }
        var keptText: String? = shape == "nothing kept" ? nil : MovementPeople.text(of: kept[...])
        if shape == "a damaged kept crossing" { keptText = keptText.map { $0 + "\u{1E}2023-12-30T08:00\u{1F}MSU" } }
        let newText = new.map { String(MovementPeople.text(of: [$0][...]).dropLast()) + "1" }.joined(separator: "\u{1E}")
        var person = MovementPeople.Person(person: 1, settledUntil: "", resident: nil, kept: keptText, movements: [], isNew: [])
        person.read(kept: keptText, new: newText)
        #expect(person.movements.count == (keptText == nil ? 0 : kept.count) + new.count)
        #expect(person.keptInPlace == (shape == "in order" || shape == "nothing new" ? kept.count : 0))
        for start in 0...person.movements.count {
            #expect(person.openText(from: start) == MovementPeople.text(of: person.movements[start...]), "from crossing \(start)")
        }
        if shape == "nothing new" { #expect(person.openText(from: 0) == keptText) }
    }
}
