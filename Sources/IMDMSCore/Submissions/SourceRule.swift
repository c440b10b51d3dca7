/// For one dataset, the source that is current from `first` to `last` (open-ended when nil).
public struct SourceRule: Codable, Sendable, Hashable {
    public var datasetID: String
    public var first: Period
    public var last: Period?
    public var source: StatisticSource

    public init(datasetID: String, first: Period, last: Period? = nil, source: StatisticSource) {
        self.datasetID = datasetID
        self.first = first
        self.last = last
        self.source = source
    }

    public func covers(_ period: Period) -> Bool {
        period.startDate >= first.startDate && (last.map { period.startDate <= $0.endDate } ?? true)
    }

    /// The source current for `period` when both hold data: the latest rule covering it (rules are
    /// listed oldest first, so a later one overrides), else the producer's report.
    public static func current(for period: Period, rules: [SourceRule]) -> StatisticSource {
        rules.last { $0.covers(period) }?.source ?? .reported
    }

    /// Which source's values are set aside in each period: for every period that both sources
    /// hold, the one not current; periods with one source keep it.
    public static func setAside(periodsBySource: [StatisticSource: Set<Period>], rules: [SourceRule]) -> [StatisticSource: Set<Period>] {
        let both = (periodsBySource[.reported] ?? []).intersection(periodsBySource[.records] ?? [])
        var result: [StatisticSource: Set<Period>] = [:]
        for period in both {
            let current = Self.current(for: period, rules: rules)
            result[current == .reported ? .records : .reported, default: []].insert(period)
        }
        return result
    }
}
