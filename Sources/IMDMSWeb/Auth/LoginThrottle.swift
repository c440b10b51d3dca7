import Foundation

/// Slows down password guessing: after `maxFailures` failed logins for a username (or from an
/// address) within `window`, further attempts are refused until the window has passed.
actor LoginThrottle {
    static let maxFailures = 5
    static let window: TimeInterval = 15 * 60

    private var failures: [String: [Date]] = [:]

    /// Seconds until the next attempt is allowed, or `nil` when it is allowed now.
    func wait(for keys: [String], now: Date = Date()) -> TimeInterval? {
        var longest: TimeInterval?
        for key in keys {
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < Self.window }
            failures[key] = recent
            if recent.count >= Self.maxFailures, let oldest = recent.first {
                longest = max(longest ?? 0, Self.window - now.timeIntervalSince(oldest))
            }
        }
        return longest
    }

    func recordFailure(for keys: [String], now: Date = Date()) {
        for key in keys { failures[key, default: []].append(now) }
    }

    func reset(for keys: [String]) {
        for key in keys { failures[key] = nil }
    }
}
