/// What a user may do. Access control proper arrives with the workflow; the roles exist now so
/// that the first administrator account has one.
public enum Role: String, Codable, Sendable, CaseIterable {
    case administrator
    case dataManager = "data_manager"
    case producer
    case analyst
    case viewer
    case microdataOfficer = "microdata_officer"

    /// The restricted roles that see small cells as they are; every other output (the public
    /// included) goes through disclosure control.
    public var seesConfidentialCells: Bool {
        switch self {
        case .administrator, .dataManager, .microdataOfficer: true
        case .producer, .analyst, .viewer: false
        }
    }
}
