import Foundation

/// The regional dataflows this instance serves (D71): a regional profile — a configuration folder
/// like a country's, under the region's agency (`Resources/regions/sadc`) — and the country's
/// `regional.json` saying how its datasets become the profile's dataflows.
public struct RegionalOutput: Sendable {
    public var mapping: RegionalMapping
    /// The profile's agency, codelists and structures.
    public var profile: ReferenceConfiguration

    /// The profile's structures this country maps, in the profile's order.
    public var structures: [DataStructure] { profile.structures.filter { mapping.dataflows[$0.id] != nil } }

    public func flow(_ id: String) -> (structure: DataStructure, flow: RegionalMapping.Dataflow)? {
        guard let flow = mapping.dataflows[id], let structure = profile.structure(id) else { return nil }
        return (structure, flow)
    }

    /// The country folder's `regional.json` (nil: Lesotho's shipped folder); nil when there is none.
    /// Every problem of the mapping and of its profile is named.
    public static func load(countryFolder: String?, national: ReferenceConfiguration) throws(ConfigurationError) -> RegionalOutput? {
        let folder: URL
        if let countryFolder { folder = URL(fileURLWithPath: countryFolder) } else {
            guard let shipped = Bundle.module.url(forResource: "lesotho", withExtension: nil, subdirectory: "countries") else { return nil }
            folder = shipped
        }
        let file = folder.appendingPathComponent(RegionalMapping.fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let mapping = try RegionalMapping.read(file)
        let profile = try ConfigurationFolder.read(try profileFolder(mapping.region, countryFolder: folder))
        let problems = mapping.problems(national: national, profile: profile)
        guard problems.isEmpty else { throw ConfigurationError(source: file.path, problems: problems) }
        return RegionalOutput(mapping: mapping, profile: profile)
    }

    /// A shipped profile by name (`sadc`), else a folder relative to the country's.
    static func profileFolder(_ region: String, countryFolder: URL) throws(ConfigurationError) -> URL {
        if !region.contains("/"), let shipped = Bundle.module.url(forResource: region, withExtension: nil, subdirectory: "regions") { return shipped }
        let url = region.hasPrefix("/") ? URL(fileURLWithPath: region) : countryFolder.appendingPathComponent(region)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ConfigurationError(source: countryFolder.appendingPathComponent(RegionalMapping.fileName).path,
                                     problems: ["region '\(region)': no shipped profile of that name and no such folder"])
        }
        return url
    }
}
