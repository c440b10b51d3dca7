import Dispatch
import Foundation
import IMDMSCore
import IMDMSFuzz
import IMDMSStorage
import Logging

/// `imdms-bench fuzz [CASES] [SEED]`: the long fuzzing run (the tests run 400 cases). Each case is
/// named before it runs, so a trap leaves its name as the last line; a case running over 30 s is
/// reported as a stall and ends the run (exit 3). Prints the tally for docs/PERFORMANCE.md.
enum FuzzBench {
    final class Watch: @unchecked Sendable {
        let lock = NSLock()
        var current = ""
        var started = Date()
        func set(_ name: String) { lock.lock(); current = name; started = Date(); lock.unlock() }
        func check() { lock.lock(); defer { lock.unlock() }
            if Date().timeIntervalSince(started) > 30 { print("STALL: \(current) ran over 30 s"); exit(3) }
        }
    }

    static func run(cases: Int, seed: UInt64, only: Int? = nil) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imdms-fuzz-\(UUID().uuidString)")
        var logger = Logger(label: "fuzz")
        logger.logLevel = .warning
        let store = try await Store.open(.sqlite(path: folder.appendingPathComponent("fuzz.sqlite").path), logger: logger)
        try await ReferenceRepository(store: store).seedIfEmpty(try ReferenceConfiguration.lesotho())
        let reference = try await ReferenceRepository(store: store).load()
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/IMDMSTestSupport/Resources/samples")
        let watch = Watch()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { watch.check() }
        timer.resume()
        let (tally, seconds) = await measure {
            await IntakeFuzzRun.run(store: store, reference: reference, seeds: try! IntakeFuzzRun.seeds(samples: samples), cases: cases, seed: seed,
                                    only: only) { fuzzed in
                let name = "case \(fuzzed.number) (\(fuzzed.seed): \(fuzzed.mutation))"
                watch.set(name)
                FileHandle.standardError.write(Data((name + "\n").utf8))
            }
        }
        timer.cancel()
        await store.close()
        try? FileManager.default.removeItem(at: folder)
        let sorted = tally.seconds.sorted()
        func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(p * Double(sorted.count)))] }
        print("| cases | read | refused with a message | crashes | stalls | unexpected | p50 (ms) | p99 (ms) | slowest (ms) | total (s) |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        print("| \(cases) | \(tally.read) | \(tally.refused) | 0 | 0 | \(tally.unexpected.count) | \(String(format: "%.1f", percentile(0.5) * 1000)) | "
            + "\(String(format: "%.1f", percentile(0.99) * 1000)) | \(String(format: "%.0f", tally.slowest.seconds * 1000)) | \(String(format: "%.1f", seconds)) |")
        print("slowest: \(tally.slowest.name)")
        print("mutations: " + tally.byMutation.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        for line in tally.unexpected.prefix(20) { print("UNEXPECTED: \(line)") }
        if !tally.unexpected.isEmpty { exit(1) }
    }
}
