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
    func structure(_ structure: DataStructure) -> DataStructure { translations.structure(structure) }

    @TaskLocal static var current = Localizer(language: .en, translations: .english, codelists: [:])
}

/// A text of the interface in the request's language (its English when not translated).
func T(_ english: String) -> String { Localizer.current.translations.text(english) }

/// A text with values: `%@` in the English (and in its translation) replaced in order.
func T(_ english: String, _ values: String...) -> String { Localizer.current.translations.text(english, values: values) }
