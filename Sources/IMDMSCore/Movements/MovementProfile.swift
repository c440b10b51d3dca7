/// How a border extract's columns are named and which local names stand for which codes. The
/// defaults are those of the Home Affairs extract; a JSON file overrides any of them.
public struct MovementProfile: Codable, Sendable, Hashable {
    public var time = "crossing_time"
    public var borderPost = "port_of_entry"
    public var direction = "direction"
    public var documentNumber = "document_number"
    public var sex = "sex"
    public var dateOfBirth = "date_of_birth"
    public var nationality = "nationality"
    public var residence = "country_of_residence"
    public var purpose = "purpose"
    /// Codelist id → local name → code, e.g. `CL_BORDER_POST`: `Ficksburg Bridge (Maputsoe)` → `MPT`.
    public var aliases: [String: [String: String]] = [:]

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case time, borderPost, direction, documentNumber, sex, dateOfBirth, nationality, residence, purpose, aliases
    }

    /// Missing fields keep their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MovementProfile()
        time = try c.decodeIfPresent(String.self, forKey: .time) ?? d.time
        borderPost = try c.decodeIfPresent(String.self, forKey: .borderPost) ?? d.borderPost
        direction = try c.decodeIfPresent(String.self, forKey: .direction) ?? d.direction
        documentNumber = try c.decodeIfPresent(String.self, forKey: .documentNumber) ?? d.documentNumber
        sex = try c.decodeIfPresent(String.self, forKey: .sex) ?? d.sex
        dateOfBirth = try c.decodeIfPresent(String.self, forKey: .dateOfBirth) ?? d.dateOfBirth
        nationality = try c.decodeIfPresent(String.self, forKey: .nationality) ?? d.nationality
        residence = try c.decodeIfPresent(String.self, forKey: .residence) ?? d.residence
        purpose = try c.decodeIfPresent(String.self, forKey: .purpose) ?? d.purpose
        aliases = try c.decodeIfPresent([String: [String: String]].self, forKey: .aliases) ?? [:]
    }

    /// The columns a file must have (names, document type and other identity columns are never read).
    var required: [String] { [time, borderPost, direction, documentNumber, sex, dateOfBirth, nationality, residence, purpose] }
}
