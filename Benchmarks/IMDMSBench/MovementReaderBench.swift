import Foundation
import IMDMSCore

/// `imdms-bench movement-reader FILE [RUNS]`: reads a border extract the way `imdms movements
/// import` does — 8 MB pieces straight from the file, each read and pseudonymised by
/// `MovementReader` — with nothing stored, and prints rows, movements and seconds per run. The
/// intake's one-core part of the storing stage, measured alone (issue 16).
enum MovementReaderBench {
    static func run(path: String, runs: Int) throws {
        let reference = try ReferenceConfiguration.lesotho()
        let reader = try MovementReader(profile: MovementProfile(), pseudonymiser: try Pseudonymiser(key: Data(repeating: 7, count: 32)),
                                        codelists: reference.codelistsByID)
        for run in 1...max(1, runs) {
            let clock = ContinuousClock()
            let start = clock.now
            let pieces = try CSVPieceReader(path: path, size: 8 << 20)
            var columns: [String: Int]?
            var rows = 0, movements = 0, problems = 0
            while let (piece, firstLine) = try pieces.next() {
                let part = reader.read(piece: piece, firstLine: firstLine, columns: columns)
                columns = part.columns
                rows += part.rows
                movements += part.movements.count
                problems += part.problems.count + part.unknown.problems(codelists: reference.codelistsByID).count
            }
            let seconds = (clock.now - start) / .seconds(1)
            print("run \(run): rows=\(rows) movements=\(movements) problems=\(problems) seconds=\(String(format: "%.3f", seconds))")
        }
    }
}
