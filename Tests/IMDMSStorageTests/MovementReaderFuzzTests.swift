import Foundation
import IMDMSCore
import IMDMSFuzz
import IMDMSTestSupport
import Testing

/// The border extract's reader (bytes, `CSVFields`) under the intake fuzzer's text mutations:
/// quotes, lines, fields, delimiters, byte-order marks, NULs and cuts in the first 2,000 rows of the
/// traveller sample. Each case must be read or refused with messages, never trap, and read in
/// pieces exactly as whole.
@Suite("Fuzzing the border extract reader")
struct MovementReaderFuzzTests {
    static let cases = 400

    @Test("Four hundred mutated extracts: read or refused with messages, the same in pieces as whole", .timeLimit(.minutes(5)))
    func bounded() throws {
        let sample = try Data(contentsOf: try MiniXLSX.sample("border-movements-sample.csv"))
        let lines = sample.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).prefix(2_001)
        let seed = Data(lines.joined(separator: [UInt8(ascii: "\n")])) + Data("\n".utf8)
        let reference = try ReferenceConfiguration.lesotho()
        let reader = try MovementReader(profile: MovementTests.profile, pseudonymiser: try Pseudonymiser(key: Data(count: 32)), codelists: reference.codelistsByID)
        var fuzzer = IntakeFuzzer(seeds: [.init(name: "border-movements.csv", datasetID: "BORDER_CROSSINGS", data: seed)], seed: 20_261_207)
        var read = 0, refused = 0
        for number in 0..<Self.cases {
            let fuzzed = fuzzer.next(number)
            if number == 0 { #expect(reader.read(seed).problems.isEmpty, "the seed itself reads cleanly") }
            let whole = reader.read(fuzzed.data)
            if whole.problems.isEmpty {
                read += 1
                #expect(whole.movements.count == whole.rows, "\(fuzzed.mutation)")
            } else {
                refused += 1
                #expect(whole.movements.isEmpty && whole.problems.allSatisfy { !$0.message.isEmpty }, "\(fuzzed.mutation)")
            }
            var columns: [String: Int]?
            var movements: [Movement] = [], problems = 0, unknown = MovementUnknownValues()
            for piece in CSVChunks.split(fuzzed.data, size: 64 << 10) {
                let part = reader.read(piece: fuzzed.data.subdata(in: piece.range), firstLine: piece.firstLine, columns: columns)
                columns = part.columns
                movements += part.movements
                problems += part.problems.count
                unknown.merge(part.unknown)
            }
            problems += unknown.problems(codelists: reference.codelistsByID).count
            if columns?.isEmpty ?? true { problems += 1 }  // no header line (what `MovementService` says of an empty file)
            #expect((problems == 0) == whole.problems.isEmpty, "\(fuzzed.mutation)")
            if whole.problems.isEmpty { #expect(movements == whole.movements, "\(fuzzed.mutation)") }
        }
        #expect(read > 0 && refused > Self.cases / 4, "the mutations both break extracts and leave some readable: \(read) read, \(refused) refused")
    }
}
