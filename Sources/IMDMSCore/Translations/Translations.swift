import Foundation

/// Words in another language than English, kept as data (`Resources/translations/st.json`, replaced
/// by a file of the same name in the installation's `translations/` folder): the interface's
/// texts (keyed by their English), dataset names, code names per codelist, report titles and
/// section titles. A text with no translation yet is `null` in the file and shown in English; the
/// start-up check counts them. English is the source: it needs no file.
public struct Translations: Sendable {
    struct File: Decodable {
        var language: String
        var interface: [String: String?]
        var datasets: [String: String?]
        var codes: [String: [String: String?]]
        var reports: [String: String?]
    }

    public var language: Language
    var interface: [String: String]
    var datasets: [String: String]
    var codes: [String: [String: String]]
    var reports: [String: String]
    /// The interface texts listed without a translation (shown in English).
    public private(set) var missing: [String]

    /// No translation: every text in English.
    public static let english = Translations(language: .en, interface: [:], datasets: [:], codes: [:], reports: [:], missing: [])

    public func text(_ english: String) -> String { interface[english] ?? english }

    /// A text with values: each `%@` in the English (and in its translation) replaced in order.
    public func text(_ english: String, _ values: String...) -> String { text(english, values: values) }

    public func text(_ english: String, values: [String]) -> String {
        var text = text(english)
        for value in values {
            guard let range = text.range(of: "%@") else { break }
            text.replaceSubrange(range, with: value)
        }
        return text
    }

    /// A structure as readers see it: its name and its dimensions' names in this language (ids unchanged).
    public func structure(_ structure: DataStructure) -> DataStructure {
        var shown = structure
        shown.name = datasetName(structure.id, english: structure.name)
        for index in shown.dimensions.indices { shown.dimensions[index].name = text(structure.dimensions[index].name) }
        shown.measure.name = text(structure.measure.name)
        return shown
    }

    /// `Crossings (persons)`: a measure's name and unit in this language.
    public func measureLabel(_ measure: Measure) -> String { "\(text(measure.name)) (\(text(measure.unitLabel)))" }

    /// The twelve months' names, January first.
    public var monthNames: [String] { Period.monthNames.map(text) }
    public func datasetName(_ id: String, english: String) -> String { datasets[id] ?? english }
    /// A code's name in this language, nil when not translated.
    public func codeName(_ codelistID: String, _ code: String) -> String? { codes[codelistID]?[code] }
    /// A report's title or a section's title.
    public func reportText(_ english: String) -> String { reports[english] ?? english }

    /// The codelists with their codes' names in this language where translated.
    public func codelists(_ codelists: [String: Codelist]) -> [String: Codelist] {
        guard !codes.isEmpty else { return codelists }
        return codelists.mapValues { list in
            guard let names = codes[list.id], !names.isEmpty else { return list }
            let renamed = list.codes.map { code -> Code in
                var copy = code
                copy.name = names[code.id] ?? code.name
                return copy
            }
            return (try? Codelist(id: list.id, name: list.name, description: list.description, codes: renamed)) ?? list
        }
    }

    /// What in the file names nothing in the reference configuration (a dataset, codelist or code
    /// that does not exist), each named; empty when all is well.
    public func problems(against reference: ReferenceConfiguration) -> [String] {
        var problems: [String] = []
        for id in datasets.keys.sorted() where reference.structure(id) == nil { problems.append("datasets: there is no dataset \(id)") }
        for (listID, names) in codes.sorted(by: { $0.key < $1.key }) {
            guard let list = reference.codelistsByID[listID] else { problems.append("codes: there is no codelist \(listID)"); continue }
            for code in names.keys.sorted() where list[code] == nil { problems.append("codes: \(listID) has no code \(code)") }
        }
        return problems
    }

    /// Reads `language`'s file: the installation's copy in `overrides` when there is one, else the
    /// shipped file. A file that cannot be read is refused with its name and the reason.
    public static func load(_ language: Language, overrides: String?) throws(TranslationError) -> Translations {
        guard language != .en else { return .english }
        let name = "\(language.rawValue).json"
        var data: Data?
        if let overrides {
            let path = (overrides as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) {
                do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw TranslationError(file: path, reason: error.localizedDescription) }
            }
        }
        if data == nil, let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "translations") {
            data = try? Data(contentsOf: url)
        }
        guard let data else { throw TranslationError(file: name, reason: "not found") }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch { throw TranslationError(file: name, reason: "\(error)") }
        guard file.language == language.rawValue else { throw TranslationError(file: name, reason: "it is for ‘\(file.language)’, not ‘\(language.rawValue)’") }
        func kept(_ entries: [String: String?]) -> [String: String] { entries.compactMapValues { $0.flatMap { $0.isEmpty ? nil : $0 } } }
        return Translations(language: language, interface: kept(file.interface), datasets: kept(file.datasets), codes: file.codes.mapValues(kept),
                            reports: kept(file.reports), missing: file.interface.filter { ($0.value ?? "").isEmpty }.map(\.key).sorted())
    }
}

/// A translation file that cannot be used.
public struct TranslationError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "translation file \(file): \(reason)" }
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
}
