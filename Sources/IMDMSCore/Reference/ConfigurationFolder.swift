import Foundation

/// A country's reference configuration as files an administrator edits (D67):
///
///     country.json        {"agency": "LS_BOS", "country": "Lesotho", "home": "LSO", "timeZone": "Africa/Maseru"}
///     organisations.csv   id,name,kind              (kind: nso or producer)
///     codelists.csv       id,name,description       (one row per codelist)
///     codelists/ID.csv    code,name,parent,aliases,members   (aliases and members `|`-separated)
///     datasets/ID.json    one dataset structure (`DatasetFile`)
///
/// Reading collects every problem in the folder before it gives up, each naming its file and row.
public enum ConfigurationFolder {
    struct Country: Codable {
        var agency: String
        var country: String
        var home: String
        /// The IANA time zone release times are typed and shown in (optional: a region's folder has none).
        var timeZone: String?
        static let fields: Set<String> = ["agency", "country", "home", "timeZone"]
    }

    public static func read(_ folder: URL) throws(ConfigurationError) -> ReferenceConfiguration {
        var reader = Reader(folder: folder)
        let country = reader.json(Country.self, "country.json", fields: Country.fields)
        let organisations = reader.organisations()
        let codelists = reader.codelists()
        let structures = reader.structures()
        reader.check(country: country, organisations: organisations, codelists: codelists, structures: structures)
        guard reader.problems.isEmpty, let country else { throw ConfigurationError(source: "the configuration folder \(folder.path)", problems: reader.problems) }
        do {
            var configuration = try ReferenceConfiguration(agencyID: country.agency, countryName: country.country, homeCountryCode: country.home,
                                                           codelists: codelists, organisations: organisations, structures: structures)
            configuration.timeZoneID = country.timeZone
            return configuration
        } catch {
            throw ConfigurationError(source: "the configuration folder \(folder.path)", problems: [error.description])
        }
    }

    /// Reads one folder, noting each problem and carrying on.
    struct Reader {
        let folder: URL
        var problems: [String] = []
        /// Ids listed in organisations.csv and codelists.csv, read well or not: a dataset that
        /// refers to one that failed is told so, not that it is missing.
        var listed: Set<String> = []

        mutating func data(_ name: String) -> Data? {
            do { return try Data(contentsOf: folder.appendingPathComponent(name)) } catch {
                problems.append("\(name): cannot be read (\(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) ? error.localizedDescription : "no such file"))")
                return nil
            }
        }

        mutating func json<T: Decodable>(_ type: T.Type, _ name: String, fields: Set<String>) -> T? {
            guard let bytes = data(name) else { return nil }
            for key in JSONFields.unknown(in: bytes, known: fields) {
                problems.append("\(name): unknown field '\(key)' (known: \(fields.sorted().joined(separator: ", ")))")
            }
            do { return try JSONDecoder().decode(type, from: bytes) } catch {
                problems.append("\(name): \(DecodingProblem.explain(error))")
                return nil
            }
        }

        /// A CSV file's rows keyed by its header, with their line numbers; `required` columns checked.
        mutating func table(_ name: String, required: [String]) -> [(line: Int, cells: [String: String])] {
            guard let bytes = data(name) else { return [] }
            let records: [CSVRecord]
            do { records = try CSVReader(delimiter: UInt8(ascii: ",")).records(in: [UInt8](bytes)) } catch {
                problems.append("\(name): \(error.description)")
                return []
            }
            guard let header = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces) }) else {
                problems.append("\(name): empty (the first row names the columns: \(required.joined(separator: ",")))")
                return []
            }
            let missing = required.filter { !header.contains($0) }
            guard missing.isEmpty else {
                problems.append("\(name): no column \(missing.map { "'\($0)'" }.joined(separator: ", ")) in the first row")
                return []
            }
            return records.dropFirst().filter { !$0.isBlank }.map { record in
                (record.line, Dictionary(zip(header, record.fields.map { $0.trimmingCharacters(in: .whitespaces) }).map { ($0, $1) },
                                         uniquingKeysWith: { first, _ in first }))
            }
        }

        mutating func organisations() -> [Organisation] {
            var seen: Set<String> = []
            return table("organisations.csv", required: ["id", "name", "kind"]).compactMap { row in
                let id = row.cells["id"] ?? "", kind = row.cells["kind"] ?? ""
                listed.insert("organisation " + id)
                guard !id.isEmpty else { problems.append("organisations.csv, line \(row.line): no id"); return nil }
                guard seen.insert(id).inserted else { problems.append("organisations.csv, line \(row.line): organisation \(id) appears twice"); return nil }
                guard let known = Organisation.Kind(rawValue: kind) else {
                    problems.append("organisations.csv, line \(row.line): kind '\(kind)' of \(id) is neither 'nso' nor 'producer'")
                    return nil
                }
                return Organisation(id: id, name: row.cells["name"] ?? id, kind: known)
            }
        }

        mutating func codelists() -> [Codelist] {
            let rows = table("codelists.csv", required: ["id", "name"])
            var result: [Codelist] = []
            var seen: Set<String> = []
            for row in rows {
                let id = row.cells["id"] ?? ""
                guard !id.isEmpty else { problems.append("codelists.csv, line \(row.line): no id"); continue }
                guard seen.insert(id).inserted else { problems.append("codelists.csv, line \(row.line): codelist \(id) appears twice"); continue }
                listed.insert("codelist " + id)
                if let list = codelist(id, name: row.cells["name"] ?? id, description: row.cells["description"] ?? "") { result.append(list) }
            }
            for file in files(in: "codelists", ext: "csv") where !seen.contains(file) {
                problems.append("codelists/\(file).csv: not listed in codelists.csv")
            }
            return result
        }

        mutating func codelist(_ id: String, name: String, description: String) -> Codelist? {
            let file = "codelists/\(id).csv"
            let codes = table(file, required: ["code", "name"]).compactMap { row -> Code? in
                guard let code = row.cells["code"], !code.isEmpty else { problems.append("\(file), line \(row.line): no code"); return nil }
                let parent = row.cells["parent"] ?? ""
                return Code(id: code, name: row.cells["name"] ?? code, parentID: parent.isEmpty ? nil : parent,
                            aliases: Self.list(row.cells["aliases"]), memberIDs: Self.list(row.cells["members"]))
            }
            do { return try Codelist(id: id, name: name, description: description, codes: codes) } catch {
                problems.append("\(file): \(error.description)")
                return nil
            }
        }

        mutating func structures() -> [DataStructure] {
            files(in: "datasets", ext: "json").compactMap { name -> DataStructure? in
                let file = "datasets/\(name).json"
                guard let dataset = json(DatasetFile.self, file, fields: DatasetFile.fields) else { return nil }
                guard dataset.id == name else {
                    problems.append("\(file): its id is '\(dataset.id)'; a dataset file is named after its id")
                    return nil
                }
                do { return try dataset.structure() } catch {
                    problems.append("\(file): \(error)")
                    return nil
                }
            }
        }

        /// What refers to what: every dataset's codelists and organisation, the home country in CL_AREA.
        mutating func check(country: Country?, organisations: [Organisation], codelists: [Codelist], structures: [DataStructure]) {
            let lists = Dictionary(codelists.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let orgs = Set(organisations.map(\.id))
            for structure in structures {
                for dimension in structure.dimensions where lists[dimension.codelistID] == nil {
                    let list = dimension.codelistID
                    problems.append("datasets/\(structure.id).json: dimension \(dimension.id) uses codelist \(list), which "
                        + (listed.contains("codelist " + list) ? "has problems (codelists/\(list).csv)" : "is not in codelists.csv"))
                }
                if !orgs.contains(structure.organisationID) {
                    let org = structure.organisationID
                    problems.append("datasets/\(structure.id).json: organisation \(org) "
                        + (listed.contains("organisation " + org) ? "has problems (organisations.csv)" : "is not in organisations.csv"))
                }
            }
            if let country, let area = lists["CL_AREA"], !area.contains(country.home) {
                problems.append("country.json: home country '\(country.home)' is not a code of CL_AREA")
            }
            if let zone = country?.timeZone, TimeZone(identifier: zone) == nil {
                problems.append("country.json: timeZone '\(zone)' is not a time zone such as Africa/Maseru or Africa/Johannesburg")
            }
        }

        /// The names (without extension) of a subfolder's files, sorted.
        func files(in subfolder: String, ext: String) -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(subfolder).path)) ?? []
            return names.filter { $0.hasSuffix("." + ext) }.map { String($0.dropLast(ext.count + 1)) }.sorted()
        }

        static func list(_ cell: String?) -> [String] {
            (cell ?? "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }
}
