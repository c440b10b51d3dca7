import Foundation
import IMDMSCore
import IMDMSStorage
import Logging

/// The server's own pulls (D69): every mapping in the configuration's `exchange/` folder that says
/// `everyHours` is pulled when its last pull is that old. Several servers on one database pull each
/// mapping once (a claim in `settings`); a failed pull is logged and tried again when its claim
/// runs out, 15 minutes later, so an unreachable partner is not asked every round.
public struct ExchangeSchedule: Sendable {
    let store: Store
    let reference: ReferenceConfiguration
    let mappings: [ExchangeMapping]

    public init(store: Store, reference: ReferenceConfiguration, mappings: [ExchangeMapping]) {
        self.store = store
        self.reference = reference
        self.mappings = mappings.filter { $0.everyHours != nil }
    }

    /// How often the server looks for due pulls.
    static let round: Duration = .seconds(300)

    /// The mappings due at `now`: never pulled, or last pulled `everyHours` ago or more.
    public func due(now: Date) async throws -> [ExchangeMapping] {
        var due: [ExchangeMapping] = []
        for mapping in mappings {
            guard let hours = mapping.everyHours else { continue }
            let last = try await ExchangeMarks(store: store).lastPull(mapping.id)
            if last.map({ now.timeIntervalSince($0) >= Double(hours) * 3600 }) ?? true { due.append(mapping) }
        }
        return due
    }

    /// One round: each due mapping this server can claim is pulled. Returns what each did.
    @discardableResult
    public func runOnce(now: Date = Date(), logger: Logger) async -> [String: String] {
        var done: [String: String] = [:]
        let marks = ExchangeMarks(store: store)
        do {
            for mapping in try await due(now: now) {
                guard try await marks.claim(mapping.id, now: now) else { done[mapping.id] = "claimed by another server"; continue }
                do {
                    switch try await ExchangePull(store: store, reference: reference).pull(mapping) {
                    case let .stored(submission, count):
                        done[mapping.id] = "stored \(count)"
                        logger.info("exchange \(mapping.id): stored \(count) observation(s) from \(mapping.service) as submission \(submission.id), for review")
                    case .nothingNew:
                        done[mapping.id] = "nothing new"
                    }
                    try await marks.release(mapping.id)
                } catch {
                    done[mapping.id] = "failed"
                    logger.warning("exchange \(mapping.id): \(error); tried again in 15 minutes")
                }
            }
        } catch {
            logger.warning("exchange: the due pulls could not be read: \(error)")
        }
        return done
    }

    /// Runs a round every five minutes until cancelled.
    func schedule(logger: Logger) async {
        guard !mappings.isEmpty else { return }
        while !Task.isCancelled {
            await runOnce(logger: logger)
            try? await Task.sleep(for: Self.round)
        }
    }
}
