import Foundation
import IMDMSCore

/// `imdms-bench protection`: the protected cube of every demo dataset with a threshold (all of
/// 2015–2025) — build time, cells, primary and withheld cells, and how much of each level stays
/// published.
enum ProtectionBench {
    static func run(scale: DemoDataGenerator.Scale = .demo) async throws {
        let reference = try ReferenceConfiguration.lesotho()
        let generator = DemoDataGenerator(reference: reference, scale: scale)
        print("| dataset | observations | cells | withheld | primary | build (s) | memory (MB, cube / process peak) | published: grand totals | one-way margins | full keys |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for structure in reference.structures where structure.disclosureThreshold > 1 && (scale == .demo || structure.id == "RETURNS") {
            let observations = generator.observations(for: structure.id)
            guard !observations.isEmpty else { continue }
            let before = residentMegabytes()
            let (cube, seconds) = await measure {
                ProtectedCube(structure: structure, codelists: reference.codelistsByID, threshold: structure.disclosureThreshold, observations: observations)
            }
            let stats = cube.statistics()
            let after = residentMegabytes()
            print("| \(structure.id) | \(observations.count) | \(stats.cells) | \(stats.withheld) | \(stats.primary) | \(String(format: "%.2f", seconds)) | "
                + "\(String(format: "%.0f", after.now - before.now)) / \(String(format: "%.0f", after.peak)) | "
                + "\(stats.published(0)) | \(stats.published(1)) | \(stats.published(structure.dimensions.count)) |")
            _ = cube
        }
    }
}
