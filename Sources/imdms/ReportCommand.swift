import ArgumentParser
import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSWeb

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Make a report for a period as a web page, Excel workbook, PDF or CSV.",
        discussion: "Reports: quarterly-bulletin, festive-border, trafficking, labour-profile (and any added in <data>/reports/), "
            + "and mgi-scorecard (the governance scorecard: --period is the assessment's year, --compare an earlier one)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, xlsx, pdf, csv }
    enum Audience: String, ExpressibleByArgument, CaseIterable { case `public`, staff }

    @Argument(help: "The report's name.") var name: String
    @ArgumentParser.Option(help: "The period (e.g. 2022-Q4, 2022-12, 2022); default: the latest with data.") var period: String?
    @ArgumentParser.Option(help: "mgi-scorecard only: the earlier assessment's year to compare with (default: the one before).") var compare: Int?
    @ArgumentParser.Option(help: "html, xlsx, pdf or csv.") var format: Format = .html
    @ArgumentParser.Option(name: .shortAndLong, help: "The file to write.") var output: String
    @ArgumentParser.Option(help: "public: released data with small cells withheld (the default); staff: approved data, unsuppressed.")
    var audience: Audience = .public
    @ArgumentParser.Option(help: "en or st: the language the report is written in.") var language: Language = .en
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let settings = try common.settings()
        let prepared = try await IMDMSSetup.prepare(settings: settings, demo: false, logger: common.logger())
        let library: ReportLibrary
        do { library = try ReportLibrary.load(overrides: settings.reportsDirectory, country: settings.countryReportsDirectory, reference: prepared.reference) } catch {
            await prepared.store.close()
            fail("\(error)")
        }
        let translations: Translations
        do { translations = try Translations.load(language, overrides: settings.translationsDirectory) } catch {
            await prepared.store.close()
            fail("\(error)")
        }
        let visibility: DataVisibility = audience == .public ? .released(asOf: Date()) : .approved
        guard name == ScorecardReport.id || library.report(name) != nil else {
            await prepared.store.close()
            fail("there is no report '\(name)'; the reports are: \((library.reports.map(\.id) + [ScorecardReport.id]).joined(separator: ", "))")
        }
        let data: Data, title: String
        do {
            let document: ReportDocument
            if name == ScorecardReport.id {
                let year = try period.map { text in
                    guard let year = Int(text) else { throw ValidationError("the scorecard's period is a year such as 2022, not '\(text)'") }
                    return year
                }
                document = try await ScorecardBuilder(store: prepared.store, reference: prepared.reference, translations: translations)
                    .document(visibility: visibility, submitted: false, year: year, compare: compare).document
            } else {
                let report = library.report(name)!
                let builder = ReportBuilder(store: prepared.store, reference: prepared.reference, library: library,
                                            visibility: visibility, disclosureControl: audience == .public, translations: translations)
                let chosen: Period
                if let period { chosen = try Period(parsing: period) } else if let latest = try await builder.defaultPeriod(report) { chosen = latest } else {
                    throw StorageError.notFound("there is no data for \(report.title) yet")
                }
                document = try await builder.make(report, period: chosen)
            }
            title = document.definition.title
            let renderer = ReportRenderer(document, translations: translations)
            switch format {
            case .html: data = Data(renderer.html(template: library.template).utf8)
            case .xlsx: data = try renderer.xlsx()
            case .csv: data = Data(renderer.csv().utf8)
            case .pdf: data = try PDFPrinter.pdf(html: renderer.html(template: library.template), browser: settings.chromium)
            }
        } catch {
            await prepared.store.close()
            fail("\(error)")
        }
        await prepared.store.close()
        do { try data.write(to: URL(fileURLWithPath: output)) } catch { fail("cannot write \(output): \(error.localizedDescription)") }
        say("Wrote \(title) (\(format.rawValue), \(data.count) bytes) to \(output).")
    }
}

extension Language: ExpressibleByArgument {}
