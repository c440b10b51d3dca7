import FluentKit
import IMDMSCore

final class DatasetModel: Model, @unchecked Sendable {
    static let schema = "datasets"
    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "version") var version: String
    @Field(key: "frequency") var frequency: String
    @Field(key: "measure_id") var measureID: String
    @Field(key: "measure_name") var measureName: String
    @Field(key: "unit") var unit: String
    @Field(key: "measure_kind") var measureKind: String
    @Field(key: "is_count") var isCount: Bool
    @Field(key: "disclosure_threshold") var disclosureThreshold: Int
    @Field(key: "organisation_id") var organisationID: String
    @Field(key: "description") var description: String
    @Field(key: "source") var source: String
    @Field(key: "contact") var contact: String
    @Field(key: "methodology") var methodology: String

    init() {}
    init(_ s: DataStructure) {
        id = s.id
        name = s.name
        version = s.version
        frequency = s.frequency.rawValue
        measureID = s.measure.id
        measureName = s.measure.name
        unit = s.measure.unit
        measureKind = s.measure.kind.rawValue
        isCount = s.measure.isCount
        disclosureThreshold = s.disclosureThreshold
        organisationID = s.organisationID
        description = s.metadata.description
        source = s.metadata.source
        contact = s.metadata.contact
        methodology = s.metadata.methodology
    }
}

final class DatasetDimensionModel: Model, @unchecked Sendable {
    static let schema = "dataset_dimensions"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "dataset_id") var datasetID: String
    @Field(key: "position") var position: Int
    @Field(key: "dimension_id") var dimensionID: String
    @Field(key: "name") var name: String
    @Field(key: "codelist_id") var codelistID: String

    init() {}
    init(datasetID: String, position: Int, dimension: DataDimension) {
        self.datasetID = datasetID
        self.position = position
        self.dimensionID = dimension.id
        self.name = dimension.name
        self.codelistID = dimension.codelistID
    }
}
