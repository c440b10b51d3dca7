import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// What the report pages and the JSON API read from a request: the builder for the caller, the
/// report and period asked for, and the made report in the format asked for.
enum ReportRequests {
    static func builder(_ request: Request) -> ReportBuilder {
        ReportBuilder(store: request.imdms.store, reference: request.imdms.reference, library: request.imdms.reports,
                      visibility: request.visibility, disclosureControl: request.disclosureControl, translations: Localizer.current.translations)
    }

    /// The report and period a request names (`?period=`, else the latest with published data),
    /// built as the caller may see it: shared by the page and the JSON API.
    static func document(_ request: Request) async throws -> (ReportDefinition, Period, ReportDocument) {
        let id = request.parameters.get(SiteURL.Key.report) ?? ""
        guard let report = request.imdms.reports.report(id) else { throw WebError.notFound("There is no report '\(id)'.") }
        let builder = builder(request)
        let period: Period
        if let text = request.query[String.self, at: "period"], !text.isEmpty {
            do { period = try Period(parsing: text) } catch { throw WebError.badRequest("The period is not valid: \(error.description).") }
            guard period.frequency == report.frequency else {
                throw WebError.badRequest("\(report.title) is made for a \(report.frequency.name.lowercased()) period such as \(Period.example(report.frequency)), not ‘\(text)’.")
            }
        } else if let latest = try await builder.defaultPeriod(report) {
            period = latest
        } else {
            throw WebError.notFound("There is no published data for \(report.title) yet.")
        }
        return (report, period, try await builder.make(report, period: period))
    }

    /// A made report in the format `?format=` asks for (html, xlsx, csv or pdf).
    static func respond(_ document: ReportDocument, name: String, request: Request) async throws -> Response {
        let format = request.query[String.self, at: "format"] ?? "html"
        let renderer = ReportRenderer(document, translations: Localizer.current.translations)
        switch format {
        case "html":
            var headers = HTTPHeaders()
            headers.contentType = .html
            return Response(status: .ok, headers: headers, body: .init(string: renderer.html(template: request.imdms.reports.template)))
        case "xlsx":
            return Download.attachment(try renderer.xlsx(), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "\(name).xlsx")
        case "csv":
            return Download.attachment(Data(renderer.csv().utf8), type: "text/csv; charset=utf-8", name: "\(name).csv")
        case "pdf":
            let html = renderer.html(template: request.imdms.reports.template)
            let data: Data
            do {
                data = try await request.imdms.printedReports.pdf(html: html)
            } catch let error as PDFPrinter.Unavailable {
                throw WebError(status: .serviceUnavailable, reason: error.description)
            }
            return Download.attachment(data, type: "application/pdf", name: "\(name).pdf")
        default:
            throw WebError.badRequest("The format ‘\(format)’ is not one of html, xlsx, csv, pdf.")
        }
    }
}
