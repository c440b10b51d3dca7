import IMDMSCore
@testable import IMDMSStorage
import Testing

/// A piece's crossings as `MovementRepository.Inserter` stores them: each person's together, in time
/// order, whatever order the extract gave them in; the people counted as they are numbered (D93).
@Suite("Traveller records: a piece's rows grouped by person, in time order")
struct InserterRowsTests {
    @Test("Shuffled crossings of five people: each person's rows together and in time order; every crossing once; the latest time")
    func grouped() throws {
        var generator = SystemRandomNumberGenerator()
        let people = (0..<5).map { "person-\($0)" }
        var movements: [Movement] = []
        for (index, pseudonym) in people.enumerated() {
            for day in 1...(3 + index * 4) {
                movements.append(Movement(pseudonym: pseudonym, time: "2024-03-\(day < 10 ? "0" : "")\(day)T0\(index):00", borderPost: "MSU",
                                          direction: day % 2 == 0 ? .departure : .arrival, sex: "F", age: 30, birthYear: nil, nationality: "LSO",
                                          residence: "LSO", purpose: "WORK"))
            }
        }
        movements.shuffle(using: &generator)
        let rows = MovementRepository.Inserter.rows(movements)
        #expect(rows.people.map(\.pseudonym).sorted() == people)
        #expect(rows.people.map(\.rows).reduce(0, +) == movements.count)
        #expect(rows.values.count == movements.count * MovementRepository.columns.count)
        var position = 0
        for person in rows.people {
            let times = (0..<person.rows).map { row -> String in
                guard case let .text(time) = rows.values[(position + row) * MovementRepository.columns.count + 1] else { return "" }
                return time
            }
            #expect(times == movements.filter { $0.pseudonym == person.pseudonym }.map(\.time).sorted(), "\(person.pseudonym)")
            position += person.rows
        }
        #expect(rows.latest == movements.map(\.time).max())
    }
}
