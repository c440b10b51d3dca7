import ArgumentParser
import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSWeb

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Make a report for a period as a web page, Excel workbook, PDF or CSV.",
        discussion: "Reports: quarterly-bulletin, festive-border, trafficking, labour-profile (and any added in <data>/reports/)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, xlsx, pdf, csv }
    enum Audience: String, ExpressibleByArgument, CaseIterable { case `public`, staff }

    @Argument(help: "The report's name.") var name: String
    @ArgumentParser.Option(help: "The period (e.g. 2022-Q4, 2022-12, 2022); default: the latest with data.") var period: String?
    @ArgumentParser.Option(help: "html, xlsx, pdf or csv.") var format: Format = .html
    @ArgumentParser.Option(name: .shortAndLong, help: "The file to write.") var output: String
    @ArgumentParser.Option(help: "public: released data with small cells withheld (the default); staff: approved data, unsuppressed.")
    var audience: Audience = .public
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let settings = try common.settings()
        let prepared = try await IMDMSSetup.prepare(settings: settings, demo: false, logger: common.logger())
        let library: ReportLibrary
        do { library = try ReportLibrary.load(overrides: settings.reportsDirectory, reference: prepared.reference) } catch {
            await prepared.store.close()
            fail("\(error)")
        }
        guard let report = library.report(name) else {
            await prepared.store.close()
            fail("there is no report '\(name)'; the reports are: \(library.reports.map(\.id).joined(separator: ", "))")
        }
        let builder = ReportBuilder(store: prepared.store, reference: prepared.reference, library: library,
                                    visibility: audience == .public ? .released(asOf: Date()) : .approved,
                                    disclosureControl: audience == .public)
        let data: Data
        do {
            let chosen: Period
            if let period { chosen = try Period(parsing: period) } else if let latest = try await builder.defaultPeriod(report) { chosen = latest } else {
                throw StorageError.notFound("there is no data for \(report.title) yet")
            }
            let renderer = ReportRenderer(try await builder.make(report, period: chosen))
            switch format {
            case .html: data = Data(renderer.html(template: library.template).utf8)
            case .xlsx: data = try renderer.xlsx()
            case .csv: data = Data(renderer.csv().utf8)
            case .pdf: data = try PDFPrinter.pdf(html: renderer.html(template: library.template))
            }
        } catch {
            await prepared.store.close()
            fail("\(error)")
        }
        await prepared.store.close()
        do { try data.write(to: URL(fileURLWithPath: output)) } catch { fail("cannot write \(output): \(error.localizedDescription)") }
        say("Wrote \(report.title) (\(format.rawValue), \(data.count) bytes) to \(output).")
    }
}
