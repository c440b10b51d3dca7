import Foundation

/// The estimates a derived dataset published for each period, from the first to the latest (as
/// Stats NZ compares provisional and final migration estimates). Built from the revisions' changes:
/// each revision adds the values it stored for a period and takes away the values it replaced,
/// split by one dimension (direction, or the measure) whose codes are summed.
public struct RevisionHistory: Sendable {
    /// One revision's part of a period: the values it stored (+) or replaced (−), by the split code.
    public struct Change: Sendable, Hashable {
        public var period: String
        public var revision: UUID
        public var code: String
        public var value: Double
        /// Values the revision stored as provisional.
        public var provisional: Bool
        public init(period: String, revision: UUID, code: String, value: Double, provisional: Bool = false) {
            self.period = period
            self.revision = revision
            self.code = code
            self.value = value
            self.provisional = provisional
        }
    }

    public struct Revision: Sendable, Hashable {
        public var id: UUID
        public var storedAt: Date
        public var status: SubmissionStatus
        public init(id: UUID, storedAt: Date, status: SubmissionStatus) {
            self.id = id
            self.storedAt = storedAt
            self.status = status
        }
    }

    /// A period's figures as one revision left them.
    public struct Estimate: Sendable, Hashable {
        public var revision: Revision
        public var values: [String: Double]
        /// The revision stored the period as provisional.
        public var provisional: Bool
    }

    public struct Period: Sendable, Hashable {
        public var period: String
        /// Oldest first; the last is the figure that stands.
        public var estimates: [Estimate]
        /// Whether the figure that stands is still provisional.
        public var provisional: Bool
        public var first: Estimate { estimates[0] }
        public var latest: Estimate { estimates[estimates.count - 1] }
        /// Latest minus first, by code.
        public func revision(_ code: String) -> Double { (latest.values[code] ?? 0) - (first.values[code] ?? 0) }
    }

    public let codes: [String]
    public let periods: [Period]

    /// `changes`: every revision's stored and replaced sums; `provisional`: the periods whose current values are provisional.
    public init(changes: [Change], revisions: [Revision], provisional: Set<String>) {
        let byID = Dictionary(revisions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        codes = Array(Set(changes.map(\.code))).sorted()
        periods = Dictionary(grouping: changes, by: \.period).keys.sorted(by: >).map { period in
            let mine = Dictionary(grouping: changes.filter { $0.period == period }, by: \.revision)
            var running: [String: Double] = [:]
            var estimates: [Estimate] = []
            for revision in mine.keys.compactMap({ byID[$0] }).sorted(by: { ($0.storedAt, $0.id.uuidString) < ($1.storedAt, $1.id.uuidString) }) {
                for change in mine[revision.id] ?? [] { running[change.code, default: 0] += change.value }
                estimates.append(Estimate(revision: revision, values: running.filter { $0.value != 0 },
                                          provisional: (mine[revision.id] ?? []).contains(where: \.provisional)))
            }
            return Period(period: period, estimates: estimates, provisional: provisional.contains(period))
        }.filter { !$0.estimates.isEmpty }
    }

    /// Periods revised at least once.
    public var revised: [Period] { periods.filter { $0.estimates.count > 1 } }
}
