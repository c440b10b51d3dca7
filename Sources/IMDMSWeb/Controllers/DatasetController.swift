import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// A dataset's page: its metadata and a table whose rows, columns, filters and period range
/// come from the query string, so the URL reproduces the table.
struct DatasetController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.dataset(.key), use: show)
        routes.get(SiteURL.dataset(.key, .tableXLSX), use: xlsx)
        routes.get(SiteURL.dataset(.key, .tableCSV), use: csv)
        routes.get(SiteURL.dataset(.key, .chart), use: chart)
        routes.post(SiteURL.dataset(.key, .disclosure), use: changeRule)
    }

    /// The dataset's structure with its disclosure rule as stored now (a data manager may have
    /// changed it since start-up).
    static func structure(_ request: Request) async throws -> DataStructure {
        let context = request.imdms
        let datasetID = request.parameters.get(SiteURL.Key.dataset) ?? ""
        guard var structure = context.reference.structure(datasetID) else { throw WebError.notFound("There is no dataset '\(datasetID)'.") }
        structure.disclosureThreshold = try await DisclosureRules(store: context.store).threshold(datasetID) ?? structure.disclosureThreshold
        return structure
    }

    struct RuleForm: Content {
        var threshold: String
    }

    /// A data manager sets the threshold; every public output follows from the next read.
    func changeRule(_ request: Request) async throws -> Response {
        let login = try Access.require(request, "change a disclosure rule", Access.reviews)
        let structure = try await Self.structure(request)
        let form = try request.content.decode(RuleForm.self)
        guard let threshold = Int(form.threshold.trimmingCharacters(in: .whitespaces)), threshold >= 0 else {
            throw WebError.badRequest("The threshold must be a whole number, 0 for none: ‘\(form.threshold)’ is not.")
        }
        try await DisclosureRules(store: request.imdms.store).change(structure.id, threshold: threshold, by: login.user)
        return request.redirect(to: SiteURL.dataset(.value(structure.id)).path(query: "rule=changed"), redirectType: .normal)
    }

    /// The table the query string asks for, as this caller may see it: only the data its role may
    /// see, through disclosure control unless the role is restricted. Every table output (page,
    /// XLSX, CSV, API) comes from here.
    static func table(_ request: Request) async throws -> (DataStructure, TableResult) {
        let context = request.imdms
        let structure = try await Self.structure(request)
        let coverage = try await DatasetSummaryReader(store: context.store).coverage(visibility: request.visibility)[structure.id]
        let tableRequest = try Self.tableRequest(from: request, structure: structure, coverage: coverage)
        let table = try await TableReader(store: context.store).table(tableRequest, reference: context.reference, visibility: request.visibility,
                                                                      disclosureControl: request.disclosureControl)
        return (structure, table)
    }

    func xlsx(_ request: Request) async throws -> Response {
        let (structure, table) = try await Self.table(request)
        let data = try TableExport(table: table, structure: Localizer.current.structure(structure), codelists: Localizer.current.codelists, labels: try Self.labels(request), words: Localizer.current.translations).xlsx()
        return ReportController.download(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "\(structure.id).xlsx")
    }

    func csv(_ request: Request) async throws -> Response {
        let (structure, table) = try await Self.table(request)
        let text = TableExport(table: table, structure: Localizer.current.structure(structure), codelists: Localizer.current.codelists, labels: try Self.labels(request), words: Localizer.current.translations).csv()
        return ReportController.download(Data(text.utf8), type: "text/csv; charset=utf-8", name: "\(structure.id).csv")
    }

    /// `labels=names|codes|both` (default names).
    static func labels(_ request: Request) throws -> TableExport.Labels {
        let text = (request.url.query.map(Self.parameters) ?? [:])["labels"] ?? ""
        guard !text.isEmpty else { return .names }
        guard let labels = TableExport.Labels(rawValue: text) else { throw WebError.badRequest("Labels are names, codes or both, not ‘\(text)’.") }
        return labels
    }

    /// The table's chart alone, as an SVG image (what the embed snippet shows on other sites).
    func chart(_ request: Request) async throws -> Response {
        let (structure, table) = try await Self.table(request)
        guard let svg = DatasetPage.chartSVG(table: table, structure: Localizer.current.structure(structure), reference: request.imdms.reference, labels: try Self.labels(request)) else {
            throw WebError.notFound("No observations match this choice.")
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
        return Response(status: .ok, headers: headers, body: .init(string: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + svg))
    }

    func show(_ request: Request) async throws -> Response {
        let context = request.imdms
        let (structure, table) = try await Self.table(request)
        let coverage = try await DatasetSummaryReader(store: context.store).coverage(visibility: request.visibility)[structure.id]
        var page = DatasetPage(structure: Localizer.current.structure(structure), reference: context.reference, request: table.request, table: table, coverage: coverage)
        page.labels = try Self.labels(request)
        page.siteAddress = context.settings.siteAddress
        if let login = request.login, Access.reviews(login.user) { page.ruleForm = login.csrfToken }
        page.ruleChanged = request.url.query?.contains("rule=changed") == true
        return page.render(login: request.login).response()
    }

    /// Reads `rows`, `cols`, `start`, `end` and one parameter per dimension (`SEX=F,M`) as filters.
    /// Without periods, the table shows the latest year that has data.
    static func tableRequest(from request: Request, structure: DataStructure, coverage: DatasetCoverage?) throws -> TableRequest {
        let query = request.url.query.map(Self.parameters) ?? [:]
        let rows = query["rows"].flatMap { $0.isEmpty ? nil : $0 } ?? structure.dimensions[0].id
        var columns: String? = structure.dimensions.count > 1 ? structure.dimensions.first { $0.id != rows }?.id : nil
        if let given = query["cols"] { columns = given.isEmpty || given == "none" ? nil : given }
        var filters: [String: [String]] = [:]
        for dimension in structure.dimensions {
            if let value = query[dimension.id], !value.isEmpty {
                filters[dimension.id] = value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            }
        }
        var start = try period(query["start"], name: "start")
        var end = try period(query["end"], name: "end")
        if start == nil && end == nil, let last = coverage?.lastPeriod.flatMap({ try? Period(parsing: $0) }) {
            end = last
            start = try? Period.first(ofYear: last.year, frequency: structure.frequency)
        }
        var frequency: Frequency?
        if let text = query["freq"], !text.isEmpty {
            guard let given = Frequency(code: text) else { throw WebError.badRequest("The frequency ‘\(text)’ is not one of A, Q, M, D.") }
            frequency = given == structure.frequency ? nil : given
        }
        return TableRequest(datasetID: structure.id, rowDimension: rows, columnDimension: columns,
                            filters: filters, startPeriod: start, endPeriod: end, frequency: frequency)
    }

    static func period(_ text: String?, name: String) throws -> Period? {
        guard let text, !text.isEmpty else { return nil }
        do { return try Period(parsing: text) } catch {
            throw WebError.badRequest("The \(name) period is not valid: \(error.description).")
        }
    }

    /// Query parameters, decoded; the last of repeated names wins.
    static func parameters(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let decode = { (text: String) in (text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text) }
            guard let name = parts.first.map(decode) else { continue }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            // A name given more than once (a list box with several codes chosen): the values joined by commas.
            if let earlier = result[name], !earlier.isEmpty { result[name] = value.isEmpty ? earlier : earlier + "," + value } else { result[name] = value }
        }
        return result
    }
}
