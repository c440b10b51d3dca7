import Foundation

/// SDMX-ML 2.1 structure messages: dataflows (with the dataset's metadata as annotations),
/// codelists (with the parent hierarchy), the concept scheme and data structures.
public struct SDMXStructureWriter: Sendable {
    public var artefacts: SDMXArtefacts
    /// The service's 2.1 base URL (`https://…/sdmx/2.1`), for stubs' `structureURL`.
    public var baseURL: String
    /// Other languages than English: each name they translate is written once more with its
    /// `xml:lang` (a name not translated is given in English only).
    public var translations: [Translations]

    public init(artefacts: SDMXArtefacts, baseURL: String, translations: [Translations] = []) {
        self.artefacts = artefacts
        self.baseURL = baseURL
        self.translations = translations.filter { $0.language != .en }
    }

    var agency: String { SDMXML.escape(artefacts.agencyID) }

    public func write(_ selection: SDMXStructureSelection, id: String = "IMDMS-" + UUID().uuidString, prepared: Date = Date()) -> String {
        Self.write([(self, selection)], id: id, prepared: prepared)
    }

    /// One message of several agencies' artefacts (the country's and a regional profile's, D71):
    /// each kind in one list, each artefact under its own agency. The first part is the sender.
    public static func write(_ parts: [(writer: SDMXStructureWriter, selection: SDMXStructureSelection)], id: String = "IMDMS-" + UUID().uuidString,
                             prepared: Date = Date()) -> String {
        var out = SDMXML.declaration
        out += "<mes:Structure xmlns:mes=\"\(SDMXML.messageNS)\" xmlns:str=\"\(SDMXML.structureNS)\" xmlns:com=\"\(SDMXML.commonNS)\">"
        out += SDMXML.header(id: id, prepared: prepared, sender: parts.first?.writer.artefacts.agencyID ?? "")
        out += "<mes:Structures>"
        func list(_ tag: String, _ items: ((writer: SDMXStructureWriter, selection: SDMXStructureSelection)) -> [String]) {
            let all = parts.flatMap(items)
            if !all.isEmpty { out += "<str:\(tag)>" + all.joined() + "</str:\(tag)>" }
        }
        list("Dataflows") { part in part.selection.dataflows.map { part.writer.dataflow($0, stub: part.selection.stubbed.contains(.dataflow)) } }
        list("Codelists") { part in part.selection.codelistIDs.compactMap { part.writer.codelist($0, stub: part.selection.stubbed.contains(.codelist)) } }
        list("Concepts") { part in part.selection.conceptScheme ? [part.writer.conceptScheme(stub: part.selection.stubbed.contains(.conceptscheme))] : [] }
        list("DataStructures") { part in part.selection.dataStructures.map { part.writer.dataStructure($0, stub: part.selection.stubbed.contains(.datastructure)) } }
        out += "</mes:Structures></mes:Structure>\n"
        return out
    }

    /// The English name, then each translation of it that differs (by default the interface's
    /// translation of the same words).
    private func name(_ text: String, translated: ((Translations) -> String)? = nil) -> String {
        var out = "<com:Name xml:lang=\"en\">\(SDMXML.escape(text))</com:Name>"
        for other in translations {
            let shown = translated?(other) ?? other.text(text)
            guard !shown.isEmpty, shown != text else { continue }
            out += "<com:Name xml:lang=\"\(other.language.rawValue)\">\(SDMXML.escape(shown))</com:Name>"
        }
        return out
    }

    /// The opening tag of a maintainable artefact, whole or as a stub pointing at its URL.
    private func open(_ tag: String, package: String, kind: String, id: String, version: String, stub: Bool, resource: String) -> String {
        let urn = "urn:sdmx:org.sdmx.infomodel.\(package).\(kind)=\(artefacts.agencyID):\(id)(\(version))"
        var text = "<str:\(tag) id=\"\(SDMXML.escape(id))\" urn=\"\(SDMXML.escape(urn))\" agencyID=\"\(agency)\" version=\"\(version)\" isFinal=\"true\""
        if stub {
            text += " isExternalReference=\"true\" structureURL=\"\(SDMXML.escape("\(baseURL)/\(resource)/\(artefacts.agencyID)/\(id)/\(version)"))\""
        }
        return text + ">"
    }

    private func ref(_ id: String, _ kind: String, _ package: String, version: String = SDMXArtefacts.version) -> String {
        "<Ref id=\"\(SDMXML.escape(id))\" version=\"\(version)\" agencyID=\"\(agency)\" package=\"\(package)\" class=\"\(kind)\"/>"
    }

    private func conceptRef(_ id: String) -> String {
        "<str:ConceptIdentity><Ref id=\"\(SDMXML.escape(id))\" maintainableParentID=\"\(SDMXArtefacts.conceptSchemeID)\" "
            + "maintainableParentVersion=\"\(SDMXArtefacts.version)\" agencyID=\"\(agency)\" package=\"conceptscheme\" class=\"Concept\"/></str:ConceptIdentity>"
    }

    func dataflow(_ s: DataStructure, stub: Bool) -> String {
        var text = open("Dataflow", package: "datastructure", kind: "Dataflow", id: s.id, version: s.version, stub: stub, resource: "dataflow")
        if !stub {
            let notes = [("SOURCE", "Source", s.metadata.source), ("CONTACT", "Contact", s.metadata.contact),
                         ("METHODOLOGY", "Methodology", s.metadata.methodology), ("PRODUCER", "Producer", s.organisationID),
                         ("UNIT_MEASURE", "Unit of measure", s.measure.unitLabel)].filter { !$0.2.isEmpty }
            if !notes.isEmpty {
                text += "<com:Annotations>" + notes.map { type, title, body in
                    "<com:Annotation><com:AnnotationTitle>\(title)</com:AnnotationTitle><com:AnnotationType>\(type)</com:AnnotationType>"
                        + "<com:AnnotationText xml:lang=\"en\">\(SDMXML.escape(body))</com:AnnotationText></com:Annotation>"
                }.joined() + "</com:Annotations>"
            }
        }
        text += name(s.name) { $0.datasetName(s.id, english: s.name) }
        if !stub {
            if !s.metadata.description.isEmpty { text += "<com:Description xml:lang=\"en\">\(SDMXML.escape(s.metadata.description))</com:Description>" }
            text += "<str:Structure>" + ref(SDMXArtefacts.dsdID(s), "DataStructure", "datastructure", version: s.version) + "</str:Structure>"
        }
        return text + "</str:Dataflow>"
    }

    func codelist(_ id: String, stub: Bool) -> String? {
        guard let list = artefacts.codelist(id) else { return nil }
        var text = open("Codelist", package: "codelist", kind: "Codelist", id: id, version: SDMXArtefacts.version, stub: stub, resource: "codelist") + name(list.name)
        if !stub {
            if !list.description.isEmpty { text += "<com:Description xml:lang=\"en\">\(SDMXML.escape(list.description))</com:Description>" }
            let base = "urn:sdmx:org.sdmx.infomodel.codelist.Code=\(artefacts.agencyID):\(id)(\(SDMXArtefacts.version))."
            for code in list.codes {
                text += "<str:Code id=\"\(SDMXML.escape(code.id))\" urn=\"\(SDMXML.escape(base + code.id))\">" + name(code.name) { $0.codeName(id, code.id) ?? code.name }
                if let parent = code.parentID { text += "<str:Parent><Ref id=\"\(SDMXML.escape(parent))\"/></str:Parent>" }
                text += "</str:Code>"
            }
        }
        return text + "</str:Codelist>"
    }

    func conceptScheme(stub: Bool) -> String {
        let id = SDMXArtefacts.conceptSchemeID
        var text = open("ConceptScheme", package: "conceptscheme", kind: "ConceptScheme", id: id, version: SDMXArtefacts.version, stub: stub, resource: "conceptscheme")
            + name("Migration statistics concepts")
        if !stub {
            let base = "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=\(artefacts.agencyID):\(id)(\(SDMXArtefacts.version))."
            for concept in artefacts.concepts {
                text += "<str:Concept id=\"\(SDMXML.escape(concept.id))\" urn=\"\(SDMXML.escape(base + concept.id))\">" + name(concept.name) + "</str:Concept>"
            }
        }
        return text + "</str:ConceptScheme>"
    }

    func dataStructure(_ s: DataStructure, stub: Bool) -> String {
        let id = SDMXArtefacts.dsdID(s)
        var text = open("DataStructure", package: "datastructure", kind: "DataStructure", id: id, version: s.version, stub: stub, resource: "datastructure") + name(s.name) { $0.datasetName(s.id, english: s.name) }
        guard !stub else { return text + "</str:DataStructure>" }
        func enumeration(_ codelist: String) -> String {
            "<str:LocalRepresentation><str:Enumeration>" + ref(codelist, "Codelist", "codelist") + "</str:Enumeration></str:LocalRepresentation>"
        }
        text += "<str:DataStructureComponents><str:DimensionList id=\"DimensionDescriptor\">"
        for (index, dimension) in s.dimensions.enumerated() {
            text += "<str:Dimension id=\"\(SDMXML.escape(dimension.id))\" position=\"\(index + 1)\">" + conceptRef(dimension.id) + enumeration(dimension.codelistID) + "</str:Dimension>"
        }
        text += "<str:TimeDimension id=\"\(DataStructure.timeDimensionID)\" position=\"\(s.dimensions.count + 1)\">" + conceptRef(DataStructure.timeDimensionID)
            + "<str:LocalRepresentation><str:TextFormat textType=\"ObservationalTimePeriod\"/></str:LocalRepresentation></str:TimeDimension>"
        text += "</str:DimensionList><str:AttributeList id=\"AttributeDescriptor\">"
        for (attribute, codelist) in [("OBS_STATUS", SDMXArtefacts.obsStatusCodelist), ("CONF_STATUS", SDMXArtefacts.confStatusCodelist)] {
            text += "<str:Attribute id=\"\(attribute)\" assignmentStatus=\"Conditional\">" + conceptRef(attribute) + enumeration(codelist)
                + "<str:AttributeRelationship><str:PrimaryMeasure><Ref id=\"\(SDMXML.escape(s.measure.id))\"/></str:PrimaryMeasure></str:AttributeRelationship></str:Attribute>"
        }
        text += "</str:AttributeList><str:MeasureList id=\"MeasureDescriptor\"><str:PrimaryMeasure id=\"\(SDMXML.escape(s.measure.id))\">"
            + conceptRef(s.measure.id) + "</str:PrimaryMeasure></str:MeasureList></str:DataStructureComponents>"
        return text + "</str:DataStructure>"
    }
}
