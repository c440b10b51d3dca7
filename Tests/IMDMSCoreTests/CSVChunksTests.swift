import Foundation
import IMDMSCore
import Testing

@Suite("CSV pieces")
struct CSVChunksTests {
    @Test("Pieces end at line breaks outside quotes, start lines are right, and together they are the file")
    func pieces() {
        let text = "a,b\n1,\"x\ny\"\n2,z\n3,w\n4,\"v\"\n"
        let data = Data(text.utf8)
        let chunks = CSVChunks.split(data, size: 4)
        #expect(chunks.map { String(decoding: data.subdata(in: $0.range), as: UTF8.self) } == ["a,b\n", "1,\"x\ny\"\n", "2,z\n", "3,w\n", "4,\"v\"\n"])
        #expect(chunks.map(\.firstLine) == [1, 2, 4, 5, 6])
        #expect(CSVChunks.split(data, size: 1 << 20).count == 1)
        #expect(CSVChunks.split(Data("no line break".utf8), size: 2).map(\.range) == [0..<13])
    }

    @Test("Pieces read from disk are the pieces cut in memory, with the same start lines and the file's SHA-256", arguments: [4, 7, 300, 1 << 20])
    func fromDisk(size: Int) throws {
        var text = "a,b\n1,\"x\ny\"\n2,z\n"
        for row in 0..<60 { text += "\(row),\"quoted, with a\nline break \(row)\"\n" }
        text += "last,row without a line break"
        let data = Data(text.utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pieces-\(UUID().uuidString).csv").path
        try data.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CSVPieceReader(path: path, size: size)
        var pieces: [(Data, Int)] = []
        while let piece = try reader.next() { pieces.append(piece) }
        let expected = CSVChunks.split(data, size: size)
        #expect(pieces.map(\.0) == expected.map { data.subdata(in: $0.range) })
        #expect(pieces.map(\.1) == expected.map(\.firstLine))
        #expect(reader.sha256 == SourceFile.sha256(of: data))
    }

    @Test("Reading an extract piece by piece gives the same movements and row numbers as reading it whole")
    func piecewiseReading() throws {
        let reference = try ReferenceConfiguration.lesotho()
        let reader = try MovementReader(profile: MovementProfile(), pseudonymiser: try Pseudonymiser(key: Data(count: 32)), codelists: reference.codelistsByID)
        var text = "crossing_time,port_of_entry,direction,document_type,document_number,surname,given_names,sex,date_of_birth,nationality,country_of_residence,purpose\n"
        for day in 1...28 { text += "2021-02-\(day < 10 ? "0" : "")\(day)T08:00,Maseru Bridge,\(day % 2 == 0 ? "IN" : "OUT"),Passport,RA\(day),S,G,F,1990-01-01,LSO,LSO,Work\n" }
        text += "2021-03-01T08:00,Nowhere Gate,IN,Passport,RA1,S,G,F,1990-01-01,LSO,LSO,Work\n"
        let data = Data(text.utf8)
        let whole = reader.read(data)
        var columns: [String: Int]?
        var movements: [Movement] = [], problems: [ImportProblem] = [], unknown = MovementUnknownValues()
        for piece in CSVChunks.split(data, size: 300) {
            let part = reader.read(piece: data.subdata(in: piece.range), firstLine: piece.firstLine, columns: columns)
            columns = part.columns
            movements += part.movements
            problems += part.problems
            unknown.merge(part.unknown)
        }
        problems += unknown.problems(codelists: reference.codelistsByID)
        #expect(whole.rows == 29 && movements.count == 28)
        #expect(problems.map(\.row) == [30] && whole.problems.map(\.row) == [30], "the unknown post is on line 30 either way: \(problems.map(\.row)) \(whole.problems.map(\.row))")
        #expect(Set(movements.map(\.pseudonym)).count == 28)
    }

    @Test("A workbook extract becomes the reader's CSV: date cells as ISO text, the crossing time with hours and minutes")
    func workbook() {
        var grid = Grid(name: "Extract")
        for (column, name) in ["crossing_time", "port_of_entry", "date_of_birth"].enumerated() { grid.set(.text(name), row: 1, column: column + 1) }
        grid.set(.date(year: 2021, month: 1, day: 1, seconds: 19 * 3_600 + 34 * 60), row: 2, column: 1)
        grid.set(.text("Qacha's Nek, Lesotho"), row: 2, column: 2)
        grid.set(.date(year: 1998, month: 4, day: 24, seconds: 0), row: 2, column: 3)
        grid.set(.date(year: 2021, month: 1, day: 2, seconds: 0), row: 3, column: 1)
        let text = String(decoding: MovementWorkbook.csv(from: grid, timeColumn: "crossing_time"), as: UTF8.self)
        #expect(text == "crossing_time,port_of_entry,date_of_birth\n2021-01-01T19:34,\"Qacha's Nek, Lesotho\",1998-04-24\n2021-01-02T00:00,,\n")
    }
}
