import IMDMSCore

/// The language of the request being answered and its words (D57), set for the whole request by
/// `LanguageMiddleware` so that every view and error page reads it without passing it down.
struct Localizer: Sendable {
    var language: Language
    var translations: Translations
    /// The reference codelists with their names in this language.
    var codelists: [String: Codelist]
    /// The address being answered (path and query): where the language switch comes back to.
    var path = "/"

    /// A structure as readers see it: its name and its dimensions' names in this language (ids unchanged).
    func structure(_ structure: DataStructure) -> DataStructure {
        var shown = structure
        shown.name = translations.datasetName(structure.id, english: structure.name)
        for index in shown.dimensions.indices { shown.dimensions[index].name = translations.text(structure.dimensions[index].name) }
        return shown
    }

    /// A report with its title and section titles in this language (its narrative is not translated yet).
    func report(_ document: ReportDocument) -> ReportDocument {
        var shown = document
        shown.definition.title = translations.reportText(document.definition.title)
        for index in shown.sections.indices { shown.sections[index].title = translations.reportText(document.sections[index].title) }
        return shown
    }

    @TaskLocal static var current = Localizer(language: .en, translations: .english, codelists: [:])
}

/// A text of the interface in the request's language (its English when not translated).
func T(_ english: String) -> String { Localizer.current.translations.text(english) }

/// A text with values: `%@` in the English (and in its translation) replaced in order.
func T(_ english: String, _ values: String...) -> String {
    var text = T(english)
    for value in values {
        guard let range = text.range(of: "%@") else { break }
        text.replaceSubrange(range, with: value)
    }
    return text
}
