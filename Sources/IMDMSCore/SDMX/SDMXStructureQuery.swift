/// A structure query of either SDMX REST API: which artefacts (type, agency, id, version), which
/// referenced artefacts come along and whether they are sent whole or as stubs.
public struct SDMXStructureQuery: Sendable, Equatable {
    public enum Resource: String, Sendable, CaseIterable {
        case dataflow, datastructure, codelist, conceptscheme
    }

    public enum Detail: String, Sendable, CaseIterable {
        case full, allstubs, referencestubs
    }

    /// Structure types of the standard this service does not offer (answered 501).
    public static let otherSDMXTypes: Set<String> = [
        "metadatastructure", "categoryscheme", "contentconstraint", "actualconstraint", "allowedconstraint",
        "attachmentconstraint", "agencyscheme", "dataproviderscheme", "dataconsumerscheme", "organisationunitscheme",
        "hierarchicalcodelist", "hierarchy", "hierarchyassociation", "categorisation", "provisionagreement",
        "structureset", "process", "reportingtaxonomy", "metadataflow", "organisationscheme", "structure",
        "valuelist", "transformationscheme", "vtlmappingscheme", "namepersonalisationscheme", "rulesetscheme",
        "userdefinedoperatorscheme", "customtypescheme", "categoryschememap", "conceptschememap", "codelistmap",
        "representationmap", "organisationschememap", "reportingtaxonomymap", "dataconstraint", "metadataconstraint",
        "metadataproviderscheme", "metadataprovisionagreement", "geographiccodelist", "geogridcodelist",
    ]

    public var resource: Resource
    public var agencyID: String?
    public var id: String?
    public var version: String?
    public var references: String
    public var detail: Detail

    public init(resource: Resource, agencyID: String? = nil, id: String? = nil, version: String? = nil,
                references: String = "none", detail: Detail = .full) {
        self.resource = resource
        self.agencyID = agencyID
        self.id = id
        self.version = version
        self.references = references
        self.detail = detail
    }

    public init(type: String, agencyID: String?, id: String?, version: String?, parameters: [String: String]) throws(SDMXError) {
        guard let resource = Resource(rawValue: type) else {
            if Self.otherSDMXTypes.contains(type.lowercased()) {
                throw .notImplemented("\(type): this service offers dataflow, datastructure, codelist and conceptscheme")
            }
            throw .syntax("'\(type)' is not an SDMX structure type")
        }
        let references = parameters["references"] ?? "none"
        let allowedReferences = ["none", "parents", "parentsandsiblings", "children", "descendants", "all"] + Resource.allCases.map(\.rawValue)
        guard allowedReferences.contains(references) else {
            if Self.otherSDMXTypes.contains(references) { throw .notImplemented("references=\(references): not offered by this service") }
            throw .syntax("references=\(references): expected none, parents, parentsandsiblings, children, descendants, all or a structure type")
        }
        let detailText = parameters["detail"] ?? "full"
        guard let detail = Detail(rawValue: detailText) else {
            if ["referencepartial", "allcompletestubs", "referencecompletestubs", "raw"].contains(detailText) {
                throw .notImplemented("detail=\(detailText): this service offers full, allstubs and referencestubs")
            }
            throw .syntax("detail=\(detailText): expected full, allstubs or referencestubs")
        }
        self.init(resource: resource, agencyID: agencyID, id: id, version: version, references: references, detail: detail)
    }
}
