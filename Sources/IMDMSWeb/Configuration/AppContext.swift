import IMDMSCore
import IMDMSStorage
import Vapor

/// What every request handler needs: the store, the reference configuration, the settings, the reports.
public struct AppContext: Sendable {
    public let store: Store
    public let reference: ReferenceConfiguration
    public let settings: AppSettings
    /// The reports, indicators and report template (shipped, or edited copies in `<data>/reports/`).
    public let reports: ReportLibrary
    /// The regional profile's dataflows this country serves (D71): its folder's `regional.json`.
    public let regional: RegionalOutput?
    /// The partners' dataflows the server pulls on its own (the configuration's `exchange/` folder, D69).
    public let exchange: [ExchangeMapping]
    /// Report PDFs printed, by the HTML they came from.
    public let printedReports: PrintedReports
    /// Each language's words and codelists (shipped, or an edited copy in `<data>/translations/`).
    let localizers: [Language: Localizer]

    public init(store: Store, reference: ReferenceConfiguration, settings: AppSettings) throws {
        self.store = store
        self.reference = reference
        self.settings = settings
        self.printedReports = PrintedReports(browser: settings.chromium)
        self.regional = try RegionalOutput.load(countryFolder: settings.configurationDirectory, national: reference)
        self.exchange = try settings.configurationDirectory.map { folder in
            let mappings = try ExchangeMapping.readAll(URL(fileURLWithPath: folder).appendingPathComponent(ExchangeMapping.folderName))
            for mapping in mappings { try mapping.check(against: reference) }
            return mappings
        } ?? []
        self.reports = try ReportLibrary.load(overrides: settings.reportsDirectory, country: settings.countryReportsDirectory, reference: reference)
        var localizers: [Language: Localizer] = [:]
        for language in Language.allCases {
            let translations = try Translations.load(language, overrides: settings.translationsDirectory)
            // The shipped translations name Lesotho's datasets, codes and report texts: for another
            // country's configuration, entries for what it does not have are unused, not wrong (D67).
            let shipped = !FileManager.default.fileExists(atPath: (settings.translationsDirectory as NSString).appendingPathComponent("\(language.rawValue).json"))
            let problems = settings.configurationDirectory != nil && shipped ? []
                : translations.problems(against: reference) + translations.problems(reports: reports, extra: ScorecardReport.titles)
            guard problems.isEmpty else {
                throw TranslationError(file: "\(language.rawValue).json", reason: problems.joined(separator: "; "))
            }
            localizers[language] = Localizer(language: language, translations: translations, codelists: translations.codelists(reference.codelistsByID))
        }
        self.localizers = localizers
    }

    func localizer(_ language: Language) -> Localizer { localizers[language] ?? localizers[.en]! }
}

extension Application {
    private struct ContextKey: StorageKey { typealias Value = AppContext }

    public var imdms: AppContext {
        get {
            guard let context = storage[ContextKey.self] else { fatalError("configure(_:context:) was not called") }
            return context
        }
        set { storage[ContextKey.self] = newValue }
    }
}

extension Request {
    var imdms: AppContext { application.imdms }
}
