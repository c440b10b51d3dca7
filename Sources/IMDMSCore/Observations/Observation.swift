/// One value for one full key (one code per dimension, in the structure's order) and one period.
public struct Observation: Hashable, Sendable, Codable {
    public var key: [String]
    public var period: Period
    /// `nil` only when the status is `M` (missing) or `Q` (suppressed).
    public var value: Double?
    public var status: ObservationStatus
    public var confidentiality: ConfidentialityStatus

    public init(
        key: [String], period: Period, value: Double?,
        status: ObservationStatus = .normal, confidentiality: ConfidentialityStatus = .free
    ) {
        self.key = key
        self.period = period
        self.value = value
        self.status = status
        self.confidentiality = confidentiality
    }

    /// The SDMX series key: codes joined by dots (`MSB.ARR.LSO.F.Y15T24._T`).
    public var seriesKey: String { key.joined(separator: ".") }
}

extension Sequence where Element == Observation {
    /// The texts of the periods the observations cover, each period formatted once (not once per
    /// observation: a derived revision holds hundreds of thousands of values in a few dozen periods).
    public var periodTexts: Set<String> { Set(periods.map(\.formatted)) }

    /// The periods the observations cover. Each is looked for first in a few slots by its year,
    /// month and day (an equality test, no hash): storing hundreds of thousands of values asks for
    /// their periods several times.
    public var periods: Set<Period> {
        var periods: Set<Period> = []
        var slots = [Period?](repeating: nil, count: 64)
        for observation in self {
            let period = observation.period
            let slot = (period.year &* 13 &+ period.subperiod &* 2 &+ period.day) & 63
            if slots[slot] == period { continue }
            slots[slot] = period
            periods.insert(period)
        }
        return periods
    }
}
