import Foundation
import IMDMSCore
import IMDMSStorage

/// `imdms-bench sdmx`: one year of a national-scale dataset through the SDMX data path as an
/// anonymous caller gets it — storage read, each observation's status in the protected cube, and each writer —
/// (the bench lifts the service's 500,000-observation limit to measure a whole year) on the
/// national SQLite database of `imdms-bench reports` (and PostgreSQL when
/// `IMDMS_BENCH_POSTGRES_URL` names a loaded one).
enum SDMXBench {
    static func run() async throws {
        print("| database | dataset, period | observations | read (ms) | disclosure (ms) | format | write (ms) | size (MB) | observations/s end to end |")
        print("|---|---|---|---|---|---|---|---|---|")
        try await NationalDatabases.each { name, store, reference, _ in
            for (datasetID, start, end) in [("BORDER_CROSSINGS", "2025-12", "2025-12"), ("BORDER_CROSSINGS", "2025", "2025"), ("RETURNS", "2025", "2025")] {
                let structure = reference.structure(datasetID)!
                let query = try SDMXDataQuery(structure: structure, key: nil, parameters: ["startPeriod": start, "endPeriod": end])
                let visibility = DataVisibility.released(asOf: Date())
                _ = try await SDMXDataReader(store: store, codelists: reference.codelistsByID).observations(structure: structure, query: query, visibility: visibility, limit: 10_000_000)  // warm-up
                let (observations, read) = try await measure {
                    try await SDMXDataReader(store: store, codelists: reference.codelistsByID).observations(structure: structure, query: query, visibility: visibility, limit: 10_000_000)
                }
                // The protected cube is built once per data version; here its lookups for every observation.
                let cube = try await store.protectedCubes.cube(structure, codelists: reference.codelistsByID, visibility: visibility, store: store, now: Date())
                let (controlled, disclosure) = await measure {
                    observations.map { o in
                        var shown = o
                        if cube?.observation(o.key, period: o.period).withheld == true { shown.value = nil; shown.status = .suppressed; shown.confidentiality = .confidential }
                        return shown
                    }
                }
                for format in [SDMXFormat.genericData21, .structureSpecificData21, .csv10, .json10, .json20] {
                    let (text, write) = await measure {
                        SDMXDataWriter.write(SDMXDataMessage(structure: structure, agencyID: reference.agencyID, codelists: reference.codelistsByID,
                                                             observations: controlled, query: query), as: format)
                    }
                    let total = read + disclosure + write
                    print("| \(name) | \(datasetID) \(start) | \(observations.count) | \(String(format: "%.0f", read * 1000)) | "
                        + "\(String(format: "%.0f", disclosure * 1000)) | \(format.rawValue) | \(String(format: "%.0f", write * 1000)) | "
                        + "\(String(format: "%.1f", Double(text.utf8.count) / 1_048_576)) | \(rate(observations.count, total)) |")
                }
            }
        }
    }
}
