/// A dataset's structure (SDMX data structure + dataflow in one): ordered dimensions, the time
/// dimension's frequency, one measure, the fixed attributes `OBS_STATUS` and `CONF_STATUS`,
/// the disclosure threshold and the organisation that produces it. Adding a dataset is data.
public struct DataStructure: Hashable, Sendable, Codable, Identifiable {
    public static let maxDimensions = 8
    public static let timeDimensionID = "TIME_PERIOD"
    public static let attributeIDs = ["OBS_STATUS", "CONF_STATUS"]

    public var id: String
    public var name: String
    public var version: String
    public var dimensions: [DataDimension]
    public var frequency: Frequency
    public var measure: Measure
    /// Cells with a value below this are suppressed in public outputs (0 disables).
    public var disclosureThreshold: Int
    public var organisationID: String
    public var metadata: DatasetMetadata

    public init(
        id: String, name: String, version: String = "1.0", dimensions: [DataDimension], frequency: Frequency,
        measure: Measure, disclosureThreshold: Int, organisationID: String, metadata: DatasetMetadata
    ) throws(StructureError) {
        guard !dimensions.isEmpty, dimensions.count <= Self.maxDimensions else {
            throw .dimensionCount(dataset: id, count: dimensions.count)
        }
        var seen: Set<String> = []
        for dimension in dimensions {
            guard seen.insert(dimension.id).inserted else { throw .duplicateDimension(dataset: id, dimension: dimension.id) }
            let reserved = [Self.timeDimensionID, "DATAFLOW", measure.id] + Self.attributeIDs
            guard !reserved.contains(dimension.id) else { throw .reservedDimension(dataset: id, dimension: dimension.id) }
        }
        guard disclosureThreshold >= 0 else { throw .negativeThreshold(dataset: id) }
        self.id = id
        self.name = name
        self.version = version
        self.dimensions = dimensions
        self.frequency = frequency
        self.measure = measure
        self.disclosureThreshold = disclosureThreshold
        self.organisationID = organisationID
        self.metadata = metadata
    }

    /// Position of a dimension in the key, or `nil`.
    public func position(of dimensionID: String) -> Int? {
        dimensions.firstIndex { $0.id == dimensionID }
    }

    /// Checks every dimension's codelist is known.
    public func validate(codelists: [String: Codelist]) throws(StructureError) {
        for dimension in dimensions where codelists[dimension.codelistID] == nil {
            throw .unknownCodelist(dataset: id, dimension: dimension.id, codelist: dimension.codelistID)
        }
    }
}
