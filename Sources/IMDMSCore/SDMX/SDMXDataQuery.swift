import Foundation

/// A data query of either SDMX REST API, checked against the dataset it names: which codes per
/// dimension (nil: any), the period range, what changed after a time, how many observations per
/// series from either end, how observations are arranged and how much is sent.
public struct SDMXDataQuery: Sendable, Equatable {
    public enum Detail: String, Sendable, CaseIterable {
        case full, dataonly, serieskeysonly, nodata
    }

    public static let allDimensions = "AllDimensions"

    /// One entry per dimension of the structure, in order.
    public var key: [Set<String>?]
    /// ISO dates bounding the periods asked for (inclusive), from `startPeriod` / `endPeriod`.
    public var startDate: String?
    public var endDate: String?
    public var updatedAfter: Date?
    public var firstN: Int?
    public var lastN: Int?
    /// `TIME_PERIOD` (series of observations over time) or `AllDimensions` (a flat list).
    public var dimensionAtObservation: String
    public var detail: Detail

    public init(
        key: [Set<String>?], startDate: String? = nil, endDate: String? = nil, updatedAfter: Date? = nil,
        firstN: Int? = nil, lastN: Int? = nil, dimensionAtObservation: String = DataStructure.timeDimensionID, detail: Detail = .full
    ) {
        self.key = key
        self.startDate = startDate
        self.endDate = endDate
        self.updatedAfter = updatedAfter
        self.firstN = firstN
        self.lastN = lastN
        self.dimensionAtObservation = dimensionAtObservation
        self.detail = detail
    }

    /// Parses the key and parameters. `key` is the 2.1 dot-separated form (`all`, empty
    /// positions and `*` as wildcards, `+` between alternatives); `filters` are the 2.x
    /// `c[DIM]=A,B` components (`c[TIME_PERIOD]=ge:2020+le:2022`).
    public init(
        structure: DataStructure, key rawKey: String?, parameters: [String: String], filters: [String: String] = [:]
    ) throws(SDMXError) {
        let dimensions = structure.dimensions
        var key: [Set<String>?] = Array(repeating: nil, count: dimensions.count)
        if let rawKey, !["", "all", "*"].contains(rawKey) {
            let parts = rawKey.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == dimensions.count else {
                throw .semantic("key '\(rawKey)' has \(parts.count) positions; \(structure.id) has \(dimensions.count) dimensions: \(dimensions.map(\.id).joined(separator: "."))")
            }
            for (index, part) in parts.enumerated() where !part.isEmpty && part != "*" {
                key[index] = Set(part.split(separator: "+").map(String.init))
            }
        }
        var start = try parameters["startPeriod"].map { value throws(SDMXError) in try Self.bound(value, parameter: "startPeriod", start: true) }
        var end = try parameters["endPeriod"].map { value throws(SDMXError) in try Self.bound(value, parameter: "endPeriod", start: false) }
        for (component, raw) in filters {
            if component == DataStructure.timeDimensionID {
                for condition in raw.split(whereSeparator: { $0 == "+" || $0 == "," }).map(String.init) {
                    let parts = condition.split(separator: ":", maxSplits: 1).map(String.init)
                    let (op, value) = parts.count == 2 ? (parts[0], parts[1]) : ("eq", parts[0])
                    let parameter = "c[\(component)]"
                    switch op {
                    case "ge", "gt": start = try Self.bound(value, parameter: parameter, start: op == "ge")
                    case "le", "lt": end = try Self.bound(value, parameter: parameter, start: op == "lt")
                    case "eq":
                        start = try Self.bound(value, parameter: parameter, start: true)
                        end = try Self.bound(value, parameter: parameter, start: false)
                    default: throw .notImplemented("\(parameter)=\(raw): the operator '\(op)' is not supported; use ge, gt, le, lt or a period")
                    }
                    if op == "gt", let s = start { start = Self.dayAfter(s) }
                    if op == "lt", let e = end { end = Self.dayBefore(e) }
                }
                continue
            }
            guard let position = structure.position(of: component) else {
                throw .semantic("c[\(component)]: \(structure.id) has no dimension \(component); its dimensions are \(dimensions.map(\.id).joined(separator: ", "))")
            }
            if raw == "*" { continue }
            let codes = Set(raw.split(whereSeparator: { $0 == "," || $0 == "+" }).map { String($0.hasPrefix("eq:") ? $0.dropFirst(3) : $0) })
            key[position] = key[position].map { $0.intersection(codes) } ?? codes
        }
        let updated = try parameters["updatedAfter"].map { value throws(SDMXError) in try Self.instant(value) }
        let firstN = try Self.count(parameters, "firstNObservations")
        let lastN = try Self.count(parameters, "lastNObservations")
        let atObservation = parameters["dimensionAtObservation"] ?? DataStructure.timeDimensionID
        guard atObservation == DataStructure.timeDimensionID || atObservation == Self.allDimensions else {
            if structure.position(of: atObservation) != nil {
                throw .notImplemented("dimensionAtObservation=\(atObservation): only TIME_PERIOD and AllDimensions are implemented")
            }
            throw .semantic("dimensionAtObservation=\(atObservation): \(structure.id) has no such dimension")
        }
        let detailText = parameters["detail"] ?? "full"
        guard let detail = Detail(rawValue: detailText.lowercased()) else {
            throw .syntax("detail=\(detailText): expected one of full, dataonly, serieskeysonly, nodata")
        }
        self.init(key: key, startDate: start, endDate: end, updatedAfter: updated, firstN: firstN, lastN: lastN,
                  dimensionAtObservation: atObservation, detail: detail)
    }

    /// The first or last day of a period given as `2024`, `2024-Q1`, `2024-03` or `2024-03-15`.
    static func bound(_ value: String, parameter: String, start: Bool) throws(SDMXError) -> String {
        do {
            let period = try Period(parsing: value)
            return start ? period.startDate : period.endDate
        } catch {
            throw .syntax("\(parameter)=\(value): \(error.reason)")
        }
    }

    static func dayAfter(_ date: String) -> String { shift(date, by: 1) }
    static func dayBefore(_ date: String) -> String { shift(date, by: -1) }
    private static func shift(_ date: String, by days: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        guard let day = formatter.date(from: date) else { return date }
        return formatter.string(from: day.addingTimeInterval(Double(days) * 86_400))
    }

    /// `updatedAfter`: an ISO 8601 instant; a `+` sent unencoded arrives as a space.
    static func instant(_ value: String) throws(SDMXError) -> Date {
        let text = value.replacingOccurrences(of: " ", with: "+")
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = full.date(from: text) ?? fractional.date(from: text) ?? day.date(from: text) { return date }
        throw .syntax("updatedAfter=\(value): expected an ISO 8601 date or date-time such as 2026-01-31T00:00:00Z")
    }

    static func count(_ parameters: [String: String], _ name: String) throws(SDMXError) -> Int? {
        guard let raw = parameters[name] else { return nil }
        guard let n = Int(raw), n > 0 else { throw .syntax("\(name)=\(raw): expected a whole number above 0") }
        return n
    }
}
