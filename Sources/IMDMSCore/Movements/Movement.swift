import Foundation

/// One crossing as IMDMS keeps it: no name, document number or date of birth — a pseudonym, the
/// age at crossing and the year of birth instead. Codes are those of the reference codelists.
public struct Movement: Hashable, Sendable, Codable {
    public enum Direction: String, Codable, Sendable {
        case arrival = "ARR"
        case departure = "DEP"
    }

    public var pseudonym: String
    /// Local time of the crossing, `YYYY-MM-DDTHH:MM` (sortable text; minutes are what the border system records).
    public var time: String
    public var borderPost: String
    public var direction: Direction
    public var sex: String
    public var age: Int?
    public var birthYear: Int?
    public var nationality: String
    public var residence: String
    public var purpose: String

    public init(pseudonym: String, time: String, borderPost: String, direction: Direction, sex: String, age: Int?, birthYear: Int?,
                nationality: String, residence: String, purpose: String) {
        self.pseudonym = pseudonym
        self.time = time
        self.borderPost = borderPost
        self.direction = direction
        self.sex = sex
        self.age = age
        self.birthYear = birthYear
        self.nationality = nationality
        self.residence = residence
        self.purpose = purpose
    }

    /// The month of the crossing.
    public var month: Period { moment.month }

    /// The crossing as a moment (the time read as UTC: only differences and months matter).
    public var date: Date { Movement.parseTime(time) ?? .distantPast }

    /// A crossing's moment and month.
    public typealias Moment = (date: Date, month: Period)

    /// The moment and the month from one reading of the time (the derivation wants both for
    /// every crossing); an unreadable time is the distant past in January 2000.
    public var moment: Moment {
        guard let fields = Movement.fields(time) else { return (.distantPast, Self.fallbackMonth) }
        return (Self.date(fields), (try? Period.month(fields.0, fields.1)) ?? Self.fallbackMonth)
    }

    private static let fallbackMonth = try! Period.month(2000, 1)

    /// Each crossing's moment (read in here, where no crossing is copied to read its time).
    public static func moments(of movements: [Movement]) -> [Moment] {
        movements.indices.map { movements[$0].moment }
    }

    /// `YYYY-MM-DDTHH:MM` (or a date `YYYY-MM-DD`, as midnight) as a moment, read by hand: this
    /// runs for every crossing, where date formatters would cost more than everything else.
    public static func parseTime(_ text: String) -> Date? {
        fields(text).map(date)
    }

    /// A moment as a crossing's time is written (`YYYY-MM-DDTHH:MM`, UTC), the seconds dropped:
    /// the inverse of `parseTime` for whole minutes.
    public static func timeText(_ date: Date) -> String {
        let (day, seconds) = CivilDate.dayAndSeconds(date)
        let (y, m, d) = CivilDate.civilFromDays(day)
        return Period.isoDate(y, m, d) + "T" + Period.pad(seconds / 3_600, 2) + ":" + Period.pad(seconds % 3_600 / 60, 2)
    }

    /// The moment of a time's fields (year, month, day, hour, minute), read as UTC.
    private static func date(_ fields: (Int, Int, Int, Int, Int)) -> Date {
        let (y, m, d, hour, minute) = fields
        return Date(timeIntervalSince1970: Double(CivilDate.daysFromCivil(y, m, d) * 86_400 + hour * 3_600 + minute * 60))
    }

    static func fields(_ text: String) -> (Int, Int, Int, Int, Int)? {
        // Read in place (a native string's UTF-8 is contiguous): copying it to an array was an
        // allocation per call, several per crossing.
        text.utf8.withContiguousStorageIfAvailable(fields(bytes:)) ?? Array(text.utf8).withUnsafeBufferPointer(fields(bytes:))
    }

    /// A date (`YYYY-MM-DD`) or time's fields read from its bytes; nil when it is neither.
    static func fields(bytes b: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int, Int, Int)? {
        guard b.count == 10 || b.count == 16, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range { guard b[i] >= 48 && b[i] <= 57 else { return nil }; value = value * 10 + Int(b[i] - 48) }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m),
              d >= 1, d <= Period.daysInMonth(year: y, month: m) else { return nil }
        guard b.count == 16 else { return (y, m, d, 0, 0) }
        guard b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), let hour = number(11..<13), let minute = number(14..<16),
              hour < 24, minute < 60 else { return nil }
        return (y, m, d, hour, minute)
    }

    /// Whole years from a date of birth to a crossing, both as `fields` reads them.
    static func age(born: (Int, Int, Int, Int, Int), at time: (Int, Int, Int, Int, Int)) -> Int {
        time.0 - born.0 - ((time.1, time.2) < (born.1, born.2) ? 1 : 0)
    }

    /// The CL_AGE group of an age at crossing.
    public static func ageGroup(_ age: Int?) -> String {
        guard let age, age >= 0 else { return "_U" }
        switch age {
        case ..<15: return "Y0T14"
        case ..<25: return "Y15T24"
        case ..<35: return "Y25T34"
        case ..<45: return "Y35T44"
        case ..<55: return "Y45T54"
        case ..<65: return "Y55T64"
        default: return "Y_GE65"
        }
    }
}
