import Foundation

/// Proleptic Gregorian dates as day numbers since 1970-01-01 and back (Howard Hinnant's
/// algorithms): date arithmetic without `Calendar` or formatters, for code that runs per row
/// (Excel serials, traveller crossings).
public enum CivilDate {
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// A moment (read as UTC) as its day number and the whole seconds into that day.
    public static func dayAndSeconds(_ date: Date) -> (day: Int, seconds: Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (day, seconds - day * 86_400)
    }

    /// An ISO date (`YYYY-MM-DD`) `days` days earlier; nil when the text is no date.
    public static func isoDate(_ text: String, minusDays days: Int) -> String? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        let (year, month, day) = civilFromDays(daysFromCivil(y, m, d) - days)
        return Period.isoDate(year, month, day)
    }
}
