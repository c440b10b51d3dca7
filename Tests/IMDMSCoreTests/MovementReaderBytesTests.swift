import Foundation
import Testing
@testable import IMDMSCore

/// The border extract read as bytes (`CSVFields`, `SpaceTrimming`, `TextLookup`'s byte lookup,
/// `MovementReader`): the same fields, codes and problems as reading each field as a `String`.
@Suite struct MovementReaderBytesTests {
    static let header = "crossing_time,port_of_entry,direction,document_type,document_number,surname,given_names,sex,date_of_birth,nationality,country_of_residence,purpose\n"

    static func reader() throws -> MovementReader {
        try MovementReader(profile: MovementProfile(), pseudonymiser: try Pseudonymiser(key: Data(count: 32)),
                           codelists: try ReferenceConfiguration.lesotho().codelistsByID)
    }

    @Test("Spaces are trimmed from bytes as String.trimmedSpaces trims them", arguments: [
        "", " ", "\t", "LSO", " LSO", "LSO ", "\tLSO\t", "\u{00A0}LSO\u{00A0}", "\u{3000}Maseru Bridge\u{2003}", "a b", " \u{00A0} ",
        "e\u{0301} ", " \u{0301}", "Côte d’Ivoire\u{202F}", "\u{1680}x", "x\u{205F}\u{2009}", "\u{200B}x", "\nx\n", "\u{FEFF}x"])
    func trimming(text: String) {
        let bytes = Array(text.utf8)
        let trimmed = bytes.withUnsafeBufferPointer { String(decoding: SpaceTrimming.trimmed($0), as: UTF8.self) }
        #expect(trimmed == text.trimmedSpaces)
        #expect(Array(trimmed.utf8) == Array(text.trimmedSpaces.utf8))
    }

    @Test("Each record's fields as bytes are the fields CSVReader gives as texts")
    func fieldsAsBytes() throws {
        let text = "\u{FEFF}a,\"b,\"\"c\"\"\",\"line\nbreak\"x,\r\n\"\",,é\n;last,\n\"tail\",1,"
        let reader = CSVReader(delimiter: UInt8(ascii: ","))
        let records = try reader.records(in: Array(text.utf8))
        var rows: [CSVRecord] = [], blank: [Bool] = []
        try reader.forEachRow(in: Data(text.utf8)) { fields in
            rows.append(CSVRecord(line: fields.line, fields: (0..<fields.count).map { String(decoding: fields[$0], as: UTF8.self) }))
            blank.append(fields.isBlank)
        }
        #expect(rows == records)
        #expect(rows.map(\.fields) == [["a", "b,\"c\"", "line\nbreakx", ""], ["", "", "é"], [";last", ""], ["tail", "1", ""]])
        #expect(blank == records.map(\.isBlank))
        #expect(throws: CSVError.self) { try reader.forEachRow(in: Data([0x61, 0x2C, 0xFF, 0x0A])) { _ in } }
    }

    @Test("Short lists are searched by bytes, long ones by text; a text in another normalisation is found by the long way")
    func lookupByBytes() {
        var lookup = TextLookup<String>()
        lookup.insert("CIV", for: "Côte")  // NFC
        let decomposed = "Co\u{0302}te"
        #expect(lookup[decomposed] == "CIV")  // String equality: canonically equivalent
        #expect(Array(decomposed.utf8).withUnsafeBufferPointer { lookup[utf8: $0] } == nil)
        lookup.insert("CIV", for: decomposed)
        #expect(Array(decomposed.utf8).withUnsafeBufferPointer { lookup[utf8: $0] } == "CIV")
        #expect([UInt8]().withUnsafeBufferPointer { lookup[utf8: $0] } == nil)
        for n in 0..<40 { lookup.insert("C\(n)", for: "code \(n)") }
        #expect(Array("code 33".utf8).withUnsafeBufferPointer { lookup[utf8: $0] } == "C33")
        #expect(Array("Côte".utf8).withUnsafeBufferPointer { lookup[utf8: $0] } == "CIV")
        #expect(Array("code 99".utf8).withUnsafeBufferPointer { lookup[utf8: $0] } == nil)
    }

    @Test("Quotes, spaces of any kind around a field and a space for the T change nothing in the crossing read")
    func decoratedRows() throws {
        let reader = try Self.reader()
        let plain = ["2021-02-03T08:05", "Maseru Bridge", "IN", "Passport", "RA 864-8080", "Surname", "Given", "F", "1990-04-05", "LSO", "LSO", "Work"]
        let expected = reader.read(Data((Self.header + plain.joined(separator: ",") + "\n").utf8))
        #expect(expected.problems.isEmpty)
        #expect(expected.movements.count == 1)
        var generator = SystemRandomNumberGenerator()
        let spaces = ["", " ", "\t", "\u{00A0}", "\u{3000}", " \u{2003}"]
        for _ in 0..<200 {
            var row = plain
            if Bool.random(using: &generator) { row[0] = "2021-02-03 08:05" }
            if Bool.random(using: &generator) { row[0] += ":59" }
            row = row.enumerated().map { index, field in
                let decorated = index == 0 && field.contains(" ") ? field : spaces.randomElement(using: &generator)! + field + spaces.randomElement(using: &generator)!
                return Bool.random(using: &generator) ? "\"" + decorated.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : decorated
            }
            let outcome = reader.read(Data((Self.header + row.joined(separator: ",") + "\n").utf8))
            #expect(outcome.problems.isEmpty, "\(row)")
            #expect(outcome.movements == expected.movements, "\(row)")
        }
    }

    @Test("A time's problems are what they were: a date alone, a time in other digits, a date of birth after a bad time")
    func timeProblems() throws {
        let reader = try Self.reader()
        func problems(_ time: String, born: String = "1990-04-05") -> [String] {
            let row = "\(time),Maseru Bridge,IN,Passport,RA1,S,G,F,\(born),LSO,LSO,Work\n"
            return reader.read(Data((Self.header + row).utf8)).problems.map { "\($0.column ?? ""): \($0.value ?? "")" }
        }
        #expect(problems("2021-02-03T08:05").isEmpty)
        // A date alone: the time is refused, but the age is still worked out from it (no second problem).
        #expect(problems("2021-02-03") == ["crossing_time: 2021-02-03"])
        #expect(problems("2021-02-03 08") == ["crossing_time: 2021-02-03T08", "date_of_birth: "])
        #expect(problems("２０２１-02-03T08:05:00") == ["crossing_time: ２０２１-02-03T08:05:00", "date_of_birth: "])
        #expect(problems("2021-02-30T08:05") == ["crossing_time: 2021-02-30T08:05", "date_of_birth: "])
        #expect(problems("2021-02-03T08:05", born: "1990-4-5") == ["date_of_birth: "])
        #expect(reader.read(Data((Self.header + "2021-02-03T08:05,Maseru Bridge,IN,Passport,RA1,S,G,F,2090-01-01,LSO,LSO,Work\n").utf8)).problems.count == 1)
    }
}
