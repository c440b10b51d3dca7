/// Warnings that do not block: a value more than three times the same period a year earlier, or
/// a zero where the period before had a real count. Compares against data already stored.
public struct PlausibilityCheck: Sendable {
    /// Stored values by `series key + " " + period`.
    public let stored: [String: Double]
    public static let growthFactor = 3.0
    /// A zero after fewer than this many is not remarkable.
    public static let suddenZeroFloor = 10.0

    public init(stored: [String: Double]) { self.stored = stored }

    /// The periods whose stored values the check needs.
    public static func comparisonPeriods(for observations: [Observation]) -> Set<Period> {
        Set(observations.flatMap { [$0.period.yearEarlier, $0.period.previous].compactMap { $0 } })
    }

    public func warnings(for observations: [Observation], locations: [String: CellLocation]) -> [ImportProblem] {
        var result: [ImportProblem] = []
        for observation in observations {
            guard let value = observation.value else { continue }
            let identity = observation.seriesKey + " " + observation.period.formatted
            let place = locations[identity]
            func warn(_ kind: ImportProblem.Kind, _ message: String) {
                result.append(ImportProblem(kind, sheet: place?.sheet, row: place?.row, column: place?.column ?? observation.seriesKey,
                                            value: NumberText.plain(value), message: message))
            }
            if let earlier = observation.period.yearEarlier, let before = stored[observation.seriesKey + " " + earlier.formatted],
               before > 0, value > Self.growthFactor * before {
                warn(.unusualChange, "more than three times \(earlier.formatted) (\(NumberText.plain(before))); please check")
            }
            if value == 0, let previous = observation.period.previous, let before = stored[observation.seriesKey + " " + previous.formatted],
               before >= Self.suddenZeroFloor {
                warn(.suddenZero, "zero after \(NumberText.plain(before)) in \(previous.formatted); please check")
            }
        }
        return result
    }
}

/// Where a value came from in the file.
public struct CellLocation: Hashable, Sendable, Codable {
    public var sheet: String
    public var row: Int
    public var column: String

    public init(sheet: String, row: Int, column: String) {
        self.sheet = sheet
        self.row = row
        self.column = column
    }
}
