import Foundation
import Logging

/// Logs how long each stage of a long operation took ("movements: … in 1.23 s"), for the
/// traveller intake and its derivation.
struct StageTimer {
    let logger: Logger
    private let clock = ContinuousClock()
    private var started: ContinuousClock.Instant

    init(logger: Logger) {
        self.logger = logger
        started = clock.now
    }

    mutating func done(_ name: String) {
        let now = clock.now
        logger.info("movements: \(name) in \(String(format: "%.2f", (now - started) / .seconds(1))) s")
        started = now
    }
}
