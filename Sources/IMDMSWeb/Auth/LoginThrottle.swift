import Foundation

/// Slows down password guessing without letting anyone lock an account out.
///
/// Failures are counted per account *and client address* and per client address: after
/// `freeFailures` the next attempt from that pair (or that address, over any accounts) waits
/// `baseDelay`, doubling with each further failure up to `maxDelay`. Someone hammering `admin`
/// from their own address only slows themselves; the administrator at another desk still signs in.
/// Guessing spread over many addresses is bounded by each address's budget and by the cost of
/// Bcrypt. An attempt is counted *before* its password is checked (`begin` is one actor step), so
/// parallel attempts cannot all pass a check that sees none of them; a success takes it back.
actor LoginThrottle {
    /// What a refused caller reads: how long to wait.
    static func waitMessage(_ seconds: TimeInterval) -> String {
        seconds < 90 ? "Too many failed attempts. Try again in \(Int(seconds.rounded(.up))) seconds."
            : "Too many failed attempts. Try again in \(Int((seconds / 60).rounded(.up))) minutes."
    }

    struct Policy: Sendable {
        var freeFailures: Int
        var baseDelay: TimeInterval
        var maxDelay: TimeInterval
    }

    static let pair = Policy(freeFailures: 5, baseDelay: 30, maxDelay: 15 * 60)
    static let client = Policy(freeFailures: 30, baseDelay: 30, maxDelay: 15 * 60)
    /// Failures older than this (counted from the last one) are forgotten.
    static let forgetAfter: TimeInterval = 60 * 60
    /// Entries kept before old ones are swept (bounds memory under a spray of names).
    static let sweepAbove = 10_000

    private struct Count { var failures: Int; var last: Date }
    private var counts: [String: Count] = [:]

    enum Decision: Equatable, Sendable {
        case proceed
        case wait(TimeInterval)
    }

    static func keys(account: String, client: String) -> (pair: String, client: String) {
        ("pair:" + account.lowercased() + "|" + client, "client:" + client)
    }

    /// Whether an attempt may go ahead now; if so it is counted as a failure until `succeeded`.
    func begin(account: String, client: String, now: Date = Date()) -> Decision {
        let keys = Self.keys(account: account, client: client)
        let wait = max(delay(keys.pair, Self.pair, now), delay(keys.client, Self.client, now))
        if wait > 0 { return .wait(wait) }
        if counts.count > Self.sweepAbove { counts = counts.filter { now.timeIntervalSince($0.value.last) < Self.forgetAfter } }
        for key in [keys.pair, keys.client] {
            var count = live(key, now) ?? Count(failures: 0, last: now)
            count.failures += 1
            count.last = now
            counts[key] = count
        }
        return .proceed
    }

    /// The attempt begun for this pair was right: its account's failures from this address are
    /// cleared and the address's own count loses the attempt.
    func succeeded(account: String, client: String) {
        let keys = Self.keys(account: account, client: client)
        counts[keys.pair] = nil
        if var count = counts[keys.client] {
            count.failures -= 1
            counts[keys.client] = count.failures > 0 ? count : nil
        }
    }

    private func live(_ key: String, _ now: Date) -> Count? {
        guard let count = counts[key], now.timeIntervalSince(count.last) < Self.forgetAfter else { return nil }
        return count
    }

    private func delay(_ key: String, _ policy: Policy, _ now: Date) -> TimeInterval {
        guard let count = live(key, now), count.failures >= policy.freeFailures else { return 0 }
        let steps = min(count.failures - policy.freeFailures, 20)
        let delay = min(policy.baseDelay * pow(2, Double(steps)), policy.maxDelay)
        return max(0, delay - now.timeIntervalSince(count.last))
    }
}
