import Foundation

extension ConfigurationFolder {
    /// Writes a configuration as the files `read` takes back, so a new country starts from a copy
    /// of a working one (`imdms config export`). A text that the files cannot hold (a `|` in an
    /// alias) is refused rather than written wrong.
    public static func write(_ configuration: ReferenceConfiguration, to folder: URL) throws {
        let files = FileManager.default
        try files.createDirectory(at: folder.appendingPathComponent("codelists"), withIntermediateDirectories: true)
        try files.createDirectory(at: folder.appendingPathComponent("datasets"), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        func save(_ text: String, _ name: String) throws { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        func json(_ value: some Encodable, _ name: String) throws {
            try (encoder.encode(value) + Data("\n".utf8)).write(to: folder.appendingPathComponent(name))
        }
        try json(Country(agency: configuration.agencyID, country: configuration.countryName, home: configuration.homeCountryCode,
                         timeZone: configuration.timeZoneID), "country.json")
        try save(lines([["id", "name", "kind"]] + configuration.organisations.map { [$0.id, $0.name, $0.kind.rawValue] }), "organisations.csv")
        try save(lines([["id", "name", "description"]] + configuration.codelists.map { [$0.id, $0.name, $0.description] }), "codelists.csv")
        for list in configuration.codelists {
            var rows = [["code", "name", "parent", "aliases", "members"]]
            for code in list.codes {
                for text in code.aliases + code.memberIDs where text.contains("|") {
                    throw ConfigurationError(source: "the configuration for \(folder.path)", problems: ["codelist \(list.id), code \(code.id): '\(text)' holds a '|', which separates aliases"])
                }
                rows.append([code.id, code.name, code.parentID ?? "", code.aliases.joined(separator: "|"), code.memberIDs.joined(separator: "|")])
            }
            try save(lines(rows), "codelists/\(list.id).csv")
        }
        for structure in configuration.structures {
            try save(try DatasetFile(structure).text(), "datasets/\(structure.id).json")
        }
    }

    static func lines(_ rows: [[String]]) -> String {
        rows.map { $0.map(CSVText.field).joined(separator: ",") + "\n" }.joined()
    }
}
