import Foundation
import IMDMSCore
import IMDMSStorage
import Logging

// Measures the foundation's hot paths on the full demo data (2015–2025) and prints a Markdown
// table for docs/PERFORMANCE.md. PostgreSQL is measured when IMDMS_BENCH_POSTGRES_URL names an
// empty database. Run the release build: `swift run -c release imdms-bench`.

func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try await body()
    let elapsed = clock.now - start
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

func rate(_ count: Int, _ seconds: Double) -> String {
    String(format: "%.0f", Double(count) / seconds)
}

var lines: [String] = ["| what | size | time (s) | rate (/s) |", "|---|---|---|---|"]
@MainActor func report(_ what: String, _ count: Int, _ seconds: Double) {
    let line = "| \(what) | \(count) | \(String(format: "%.3f", seconds)) | \(rate(count, seconds)) |"
    lines.append(line)
    print(line)
}

// `imdms-bench xlsx FILE` / `imdms-bench csv FILE`: read one file the way intake does and print
// rows, cells and seconds (used by Benchmarks/compare_readers.py against openpyxl and calamine).
let arguments = CommandLine.arguments
if arguments.count == 3 && (arguments[1] == "xlsx" || arguments[1] == "csv") {
    let url = URL(fileURLWithPath: arguments[2])
    var rows = 0, cells = 0
    let (_, seconds) = try await measure {
        if arguments[1] == "xlsx" {
            let workbook = try XLSXWorkbook(url: url)
            try workbook.readRows(of: workbook.sheetNames[0]) { _, rowCells in
                rows += 1
                cells += rowCells.count
            }
        } else {
            let data = try Data(contentsOf: url, options: .alwaysMapped)
            try CSVReader.detecting(in: data.prefix(4096)).forEachRecord(in: data) { record in
                rows += 1
                cells += record.fields.count
            }
        }
    }
    print("rows=\(rows) cells=\(cells) seconds=\(String(format: "%.3f", seconds))")
    exit(0)
}

if arguments.count >= 3 && arguments[1] == "movement-reader" {
    try MovementReaderBench.run(path: arguments[2], runs: arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3)
    exit(0)
}

if arguments.count == 2 && arguments[1] == "sdmx" {
    try await SDMXBench.run()
    exit(0)
}

if arguments.count >= 2 && arguments[1] == "protection" {
    try await ProtectionBench.run(scale: arguments.count == 3 && arguments[2] == "national" ? .national : .demo)
    exit(0)
}

if arguments.count >= 2 && arguments[1] == "fuzz" {
    try await FuzzBench.run(cases: arguments.count > 2 ? Int(arguments[2]) ?? 2_000 : 2_000, seed: arguments.count > 3 ? UInt64(arguments[3]) ?? 1 : 1,
                            only: arguments.count > 4 ? Int(arguments[4]) : nil)
    exit(0)
}

if arguments.count == 2 && arguments[1] == "protected-reads" {
    try await ProtectedReadBench.run()
    exit(0)
}

if arguments.count == 2 && arguments[1] == "first-bulletin" {
    try await FirstBulletinBench.run()
    exit(0)
}

if arguments.count == 2 && arguments[1] == "reports" {
    try await ReportBench.run()
    exit(0)
}

let reference = try ReferenceConfiguration.lesotho()
let generator = DemoDataGenerator(reference: reference)

let (all, generateSeconds) = await measure { generator.datasetIDs.flatMap { generator.observations(for: $0) } }
report("generate demo observations (all datasets, 2015–2025)", all.count, generateSeconds)

// SDMX-CSV reading: the border crossings of 2015–2025 written as one file.
let border = generator.observations(for: "BORDER_CROSSINGS")
var csv = "DATAFLOW,BORDER_POST,DIRECTION,CITIZENSHIP,SEX,AGE,PURPOSE,TIME_PERIOD,OBS_VALUE\n"
for o in border { csv += "LS_BOS:BORDER_CROSSINGS(1.0),\(o.key.joined(separator: ",")),\(o.period.formatted),\(Int(o.value ?? 0))\n" }
let csvData = Data(csv.utf8)
let structure = reference.structure("BORDER_CROSSINGS")!
let csvReader = SDMXCSVReader(structure: structure, codelists: reference.codelistsByID, agencyID: reference.agencyID)
let (parsed, parseSeconds) = await measure { csvReader.read(csvData) }
precondition(parsed.observations.count == border.count, "the benchmark file did not read back")
report("read + validate SDMX-CSV (\(csvData.count / 1_000_000) MB)", border.count, parseSeconds)

var locations: [(String, StorageLocation)] = []
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imdms-bench-\(UUID().uuidString)").path
locations.append(("SQLite", .sqlite(path: folder + "/imdms.sqlite")))
if let url = ProcessInfo.processInfo.environment["IMDMS_BENCH_POSTGRES_URL"] { locations.append(("PostgreSQL", .postgres(url: url))) }

for (name, location) in locations {
    let store = try await Store.open(location, logger: Logger(label: "bench"))
    try await ReferenceRepository(store: store).seedIfEmpty(reference)
    let loaded = try await ReferenceRepository(store: store).load()
    let (outcome, loadSeconds) = try await measure { try await DemoLoader(store: store, reference: loaded).load() }
    if case let .loaded(_, count) = outcome { report("\(name): store demo submissions (one transaction each)", count, loadSeconds) }
    let reader = TableReader(store: store)
    let wide = TableRequest(datasetID: "BORDER_CROSSINGS", rowDimension: "BORDER_POST", columnDimension: "DIRECTION")
    let (_, wideSeconds) = try await measure { try await reader.table(wide, reference: loaded, visibility: .released(asOf: Date())) }
    report("\(name): table posts × direction, 2015–2025", border.count, wideSeconds)
    var year = wide
    year.startPeriod = try Period(parsing: "2022-01")
    year.endPeriod = try Period(parsing: "2022-12")
    let (_, yearSeconds) = try await measure { try await reader.table(year, reference: loaded, visibility: .released(asOf: Date())) }
    report("\(name): table posts × direction, 2022", border.count / 11, yearSeconds)
    await store.close()
}
try? FileManager.default.removeItem(atPath: folder)
print("")
print(lines.joined(separator: "\n"))
