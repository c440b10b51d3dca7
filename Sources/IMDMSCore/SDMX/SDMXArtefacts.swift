/// The SDMX artefacts IMDMS publishes for a set of datasets: a dataflow and a data structure
/// per dataset, the codelists they use (plus `CL_OBS_STATUS`, `CL_CONF_STATUS`) and one concept
/// scheme naming every component.
public struct SDMXArtefacts: Sendable {
    public static let conceptSchemeID = "CS_MIGRATION"
    public static let obsStatusCodelist = "CL_OBS_STATUS"
    public static let confStatusCodelist = "CL_CONF_STATUS"
    public static let version = "1.0"

    public var agencyID: String
    public var structures: [DataStructure]
    public var codelists: [String: Codelist]

    public init(agencyID: String, structures: [DataStructure], codelists: [String: Codelist]) {
        self.agencyID = agencyID
        self.structures = structures
        self.codelists = codelists
    }

    public static func dsdID(_ structure: DataStructure) -> String { "DSD_\(structure.id)" }

    /// The codelists a structure's components take their codes from, in dimension order.
    public func codelistIDs(of structure: DataStructure) -> [String] {
        var ids: [String] = []
        for id in structure.dimensions.map(\.codelistID) + [Self.obsStatusCodelist, Self.confStatusCodelist] where !ids.contains(id) { ids.append(id) }
        return ids
    }

    /// Every codelist by id, the attribute codelists included.
    public func codelist(_ id: String) -> Codelist? {
        if let list = codelists[id] { return list }
        switch id {
        case Self.obsStatusCodelist:
            return try? Codelist(id: id, name: "Observation status", codes: ObservationStatus.allCases.map { Code(id: $0.rawValue, name: $0.name) })
        case Self.confStatusCodelist:
            return try? Codelist(id: id, name: "Confidentiality status", codes: ConfidentialityStatus.allCases.map { Code(id: $0.rawValue, name: $0.name) })
        default: return nil
        }
    }

    /// All codelists used by any published structure, in first-use order.
    public var allCodelistIDs: [String] {
        var ids: [String] = []
        for structure in structures { for id in codelistIDs(of: structure) where !ids.contains(id) { ids.append(id) } }
        return ids
    }

    /// Every concept: the dimensions of all structures, then time, value and the attributes.
    public var concepts: [(id: String, name: String)] {
        var result: [(id: String, name: String)] = []
        var seen: Set<String> = []
        for structure in structures {
            for dimension in structure.dimensions where seen.insert(dimension.id).inserted { result.append((dimension.id, dimension.name)) }
        }
        let fixed = [(DataStructure.timeDimensionID, "Time period"), ("OBS_VALUE", "Observation value"),
                     ("OBS_STATUS", "Observation status"), ("CONF_STATUS", "Confidentiality status")]
        for (id, name) in fixed where seen.insert(id).inserted { result.append((id, name)) }
        return result
    }
}
