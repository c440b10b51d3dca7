import Foundation

extension Period {
    /// The SDMX text form: `2022`, `2022-Q4`, `2022-12`, `2022-12-24`.
    public var formatted: String {
        switch frequency {
        case .annual: Period.pad(year, 4)
        case .quarterly: "\(Period.pad(year, 4))-Q\(subperiod)"
        case .monthly: "\(Period.pad(year, 4))-\(Period.pad(subperiod, 2))"
        case .daily: Period.isoDate(year, subperiod, day)
        }
    }

    /// Parses the ISO 8601 / SDMX forms `YYYY`, `YYYY-Qn`, `YYYY-MM`, `YYYY-MM-DD`.
    /// Also accepts the SDMX reporting-period forms `YYYY-A1`, `YYYY-Mmm` and `YYYY-Qn` in lower case.
    /// Week forms (`2022-W05`), ordinal dates (`2022-123`), half-years and times are refused.
    public init(parsing raw: String) throws(PeriodError) {
        do {
            self = try Period.parse(raw)
        } catch {
            // Errors always quote the text exactly as it was given.
            throw PeriodError(text: raw, reason: error.reason)
        }
    }

    private static func parse(_ raw: String) throws(PeriodError) -> Period {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw PeriodError(text: raw, reason: "the period is empty") }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let yearText = parts.first, yearText.count == 4, let year = Int(yearText), yearText.allSatisfy(\.isASCIIDigit) else {
            throw PeriodError(text: raw, reason: "expected a four-digit year first, as in 2022, 2022-Q4, 2022-12 or 2022-12-24")
        }
        switch parts.count {
        case 1:
            return try .year(year)
        case 2:
            let second = parts[1].uppercased()
            if second.hasPrefix("Q"), let q = Period.digits(second.dropFirst(), count: 1) {
                return try .quarter(year, q)
            } else if second == "A1" {
                return try .year(year)
            } else if second.hasPrefix("M"), let m = Period.digits(second.dropFirst(), count: 2) {
                return try .month(year, m)
            } else if let m = Period.digits(Substring(second), count: 2) {
                return try .month(year, m)
            } else if second.hasPrefix("W") {
                throw PeriodError(text: raw, reason: "week periods are not supported; use a day, month, quarter or year")
            } else if second.hasPrefix("S") || second.hasPrefix("H") {
                throw PeriodError(text: raw, reason: "half-year periods are not supported; use quarters or years")
            } else if Period.digits(Substring(second), count: 3) != nil {
                throw PeriodError(text: raw, reason: "ordinal dates are not supported; write the date as YYYY-MM-DD")
            } else {
                throw PeriodError(text: raw, reason: "expected YYYY-Qn or YYYY-MM after the year")
            }
        case 3:
            guard let m = Period.digits(Substring(parts[1]), count: 2),
                  let d = Period.digits(Substring(parts[2]), count: 2)
            else {
                throw PeriodError(text: raw, reason: "expected a date written YYYY-MM-DD")
            }
            return try .day(year, m, d)
        default:
            throw PeriodError(text: raw, reason: "expected one of YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD")
        }
    }

    private static func digits(_ text: Substring, count: Int) -> Int? {
        guard text.count == count, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Period {
    /// Periods travel as their SDMX text (`"2022-Q4"`), never as their parts.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Period(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(formatted)
    }
}
