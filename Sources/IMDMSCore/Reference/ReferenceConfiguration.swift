/// Everything a country configures before any data arrives: its statistical agency, codelists,
/// producing organisations and dataset structures. Lesotho's ships with IMDMS
/// (`ReferenceConfiguration.lesotho()`); another country supplies its own (the type is `Codable`).
public struct ReferenceConfiguration: Sendable, Codable, Equatable {
    /// The SDMX agency that maintains the structures, e.g. `LS_BOS`.
    public var agencyID: String
    public var countryName: String
    /// ISO 3166-1 alpha-3 code of the home country (`LSO`): its citizens are "nationals".
    public var homeCountryCode: String
    public var codelists: [Codelist]
    public var organisations: [Organisation]
    public var structures: [DataStructure]
    /// The IANA time zone (`Africa/Maseru`) in which people type and read release times; nil: not
    /// configured (a region's folder; a database's stored configuration).
    public var timeZoneID: String?

    public init(
        agencyID: String, countryName: String, homeCountryCode: String,
        codelists: [Codelist], organisations: [Organisation], structures: [DataStructure]
    ) throws(ReferenceError) {
        self.agencyID = agencyID
        self.countryName = countryName
        self.homeCountryCode = homeCountryCode
        self.codelists = codelists
        self.organisations = organisations
        self.structures = structures
        try validate()
    }

    public var codelistsByID: [String: Codelist] {
        Dictionary(codelists.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func structure(_ id: String) -> DataStructure? {
        structures.first { $0.id == id }
    }

    /// Every structure's codelists and organisation exist; ids are unique.
    public func validate() throws(ReferenceError) {
        let lists = codelistsByID
        guard lists.count == codelists.count else { throw .duplicate("codelist ids are not unique") }
        let orgs = Set(organisations.map(\.id))
        guard orgs.count == organisations.count else { throw .duplicate("organisation ids are not unique") }
        guard Set(structures.map(\.id)).count == structures.count else { throw .duplicate("dataset ids are not unique") }
        for structure in structures {
            do { try structure.validate(codelists: lists) } catch { throw .structure(error) }
            guard orgs.contains(structure.organisationID) else {
                throw .unknownOrganisation(dataset: structure.id, organisation: structure.organisationID)
            }
        }
    }
}

/// A reference configuration that does not hold together.
public enum ReferenceError: Error, Sendable, CustomStringConvertible {
    case duplicate(String)
    case structure(StructureError)
    case codelist(CodelistError)
    case unknownOrganisation(dataset: String, organisation: String)
    case resource(name: String, reason: String)

    public var description: String {
        switch self {
        case let .duplicate(text): "reference configuration: \(text)"
        case let .structure(error): "reference configuration: \(error)"
        case let .codelist(error): "reference configuration: \(error)"
        case let .unknownOrganisation(dataset, org): "reference configuration: dataset \(dataset) belongs to unknown organisation \(org)"
        case let .resource(name, reason): "reference file \(name): \(reason)"
        }
    }
}
