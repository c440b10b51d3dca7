import Foundation

/// One dataset structure as an administrator writes it in `datasets/ID.json` (D67). Optional
/// fields take the defaults a new dataset would have; `DataStructure`'s own checks still apply.
struct DatasetFile: Codable {
    struct Dimension: Codable {
        var id: String
        var name: String
        var codelist: String
    }

    struct MeasureFile: Codable {
        var id: String?
        var name: String
        var unit: String
        var kind: Measure.Kind
        var isCount: Bool?
    }

    var id: String
    var name: String
    var version: String?
    var organisation: String
    var frequency: Frequency
    var dimensions: [Dimension]
    var measure: MeasureFile
    var disclosureThreshold: Int?
    var metadata: DatasetMetadata?

    /// The fields a dataset file may hold: any other is a typo and named as a problem.
    static let fields: Set<String> = ["id", "name", "version", "organisation", "frequency", "dimensions", "measure", "disclosureThreshold", "metadata"]

    init(_ structure: DataStructure) {
        id = structure.id
        name = structure.name
        version = structure.version
        organisation = structure.organisationID
        frequency = structure.frequency
        dimensions = structure.dimensions.map { Dimension(id: $0.id, name: $0.name, codelist: $0.codelistID) }
        measure = MeasureFile(id: structure.measure.id, name: structure.measure.name, unit: structure.measure.unit,
                              kind: structure.measure.kind, isCount: structure.measure.isCount)
        disclosureThreshold = structure.disclosureThreshold
        metadata = structure.metadata
    }

    func structure() throws(StructureError) -> DataStructure {
        try DataStructure(
            id: id, name: name, version: version ?? "1.0",
            dimensions: dimensions.map { DataDimension(id: $0.id, name: $0.name, codelistID: $0.codelist) },
            frequency: frequency,
            measure: Measure(id: measure.id ?? "OBS_VALUE", name: measure.name, unit: measure.unit, kind: measure.kind, isCount: measure.isCount ?? true),
            disclosureThreshold: disclosureThreshold ?? 0, organisationID: organisation,
            metadata: metadata ?? DatasetMetadata(description: "", source: "", contact: "", methodology: "")
        )
    }
}

extension DatasetFile {
    /// The file as a person reads it: identity first, then the shape, then the texts (the
    /// encoder's own key order is not stable); each dimension on one line.
    func text() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        var fields = [("id", try json(id)), ("name", try json(name))]
        if let version { fields.append(("version", try json(version))) }
        fields += [("organisation", try json(organisation)), ("frequency", try json(frequency)),
                   ("dimensions", "[\n" + (try dimensions.map { "    " + (try json($0)) }).joined(separator: ",\n") + "\n  ]"),
                   ("measure", try json(measure))]
        if let disclosureThreshold { fields.append(("disclosureThreshold", try json(disclosureThreshold))) }
        if let metadata {
            let texts = [("description", metadata.description), ("source", metadata.source), ("contact", metadata.contact), ("methodology", metadata.methodology)]
            fields.append(("metadata", "{\n" + (try texts.map { "    \"\($0.0)\": " + (try json($0.1)) }).joined(separator: ",\n") + "\n  }"))
        }
        return "{\n" + fields.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }
}
