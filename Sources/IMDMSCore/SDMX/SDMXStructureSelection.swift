/// The artefacts a structure query returns: those it names and those its `references` bring,
/// each marked whole or stub.
public struct SDMXStructureSelection: Sendable {
    public var dataflows: [DataStructure] = []
    public var dataStructures: [DataStructure] = []
    public var codelistIDs: [String] = []
    public var conceptScheme = false
    /// Which kinds are written as stubs (name and URL only).
    public var stubbed: Set<SDMXStructureQuery.Resource> = []

    public init() {}

    public var isEmpty: Bool { dataflows.isEmpty && dataStructures.isEmpty && codelistIDs.isEmpty && !conceptScheme }

    /// Resolves a query against the published artefacts; 404 when nothing matches.
    public init(_ query: SDMXStructureQuery, in artefacts: SDMXArtefacts) throws(SDMXError) {
        let agencyOK = SDMXFlowReference.matches(query.agencyID, artefacts.agencyID)
        let versionOK = SDMXFlowReference.matches(query.version, SDMXArtefacts.version)
        func named(_ id: String) -> Bool { SDMXFlowReference.matches(query.id, id) }
        var direct: SDMXStructureSelection = SDMXStructureSelection()
        if agencyOK {
            switch query.resource {
            case .dataflow:
                direct.dataflows = artefacts.structures.filter { named($0.id) && SDMXFlowReference.matches(query.version, $0.version) }
            case .datastructure:
                direct.dataStructures = artefacts.structures.filter { named(SDMXArtefacts.dsdID($0)) && SDMXFlowReference.matches(query.version, $0.version) }
            case .codelist:
                direct.codelistIDs = versionOK ? artefacts.allCodelistIDs.filter(named) : []
            case .conceptscheme:
                direct.conceptScheme = versionOK && named(SDMXArtefacts.conceptSchemeID)
            }
        }
        guard !direct.isEmpty else {
            throw .noResults("No \(query.resource.rawValue) matches agency \(query.agencyID ?? "all"), id \(query.id ?? "all"), version \(query.version ?? "latest")")
        }
        self = direct
        let r = query.references
        let wantsChildren = ["children", "descendants", "all"].contains(r)
        let wantsParents = ["parents", "parentsandsiblings", "all"].contains(r)
        var added = SDMXStructureSelection()
        switch query.resource {
        case .dataflow:
            if wantsChildren || r == "datastructure" { added.dataStructures = direct.dataflows }
            if ["descendants", "all", "codelist"].contains(r) { added.codelistIDs = direct.dataflows.flatMap(artefacts.codelistIDs(of:)) }
            if ["descendants", "all", "conceptscheme"].contains(r) { added.conceptScheme = true }
        case .datastructure:
            if wantsChildren || r == "codelist" { added.codelistIDs = direct.dataStructures.flatMap(artefacts.codelistIDs(of:)) }
            if wantsChildren || r == "conceptscheme" { added.conceptScheme = true }
            if wantsParents || r == "dataflow" { added.dataflows = direct.dataStructures }
        case .codelist, .conceptscheme:
            let users = artefacts.structures.filter { s in
                query.resource == .conceptscheme || !Set(artefacts.codelistIDs(of: s)).isDisjoint(with: direct.codelistIDs)
            }
            if wantsParents || r == "datastructure" { added.dataStructures = users }
            if r == "all" || r == "dataflow" { added.dataflows = users }
        }
        if query.detail == .allstubs { stubbed = Set(SDMXStructureQuery.Resource.allCases) }
        if query.detail == .referencestubs {
            stubbed = Set(SDMXStructureQuery.Resource.allCases).subtracting([query.resource])
        }
        func merge<T>(_ a: [T], _ b: [T], id: (T) -> String) -> [T] {
            var seen = Set(a.map(id)); return a + b.filter { seen.insert(id($0)).inserted }
        }
        dataflows = merge(dataflows, added.dataflows, id: \.id)
        dataStructures = merge(dataStructures, added.dataStructures, id: \.id)
        codelistIDs = merge(codelistIDs, added.codelistIDs, id: { $0 })
        conceptScheme = conceptScheme || added.conceptScheme
    }
}
