import IMDMSCore
import IMDMSStorage
import Vapor

/// A dataset's page: its metadata and a table whose rows, columns, filters and period range
/// come from the query string, so the URL reproduces the table.
struct DatasetController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("datasets", ":datasetID", use: show)
    }

    func show(_ request: Request) async throws -> Response {
        let context = request.imdms
        let datasetID = request.parameters.get("datasetID") ?? ""
        guard let structure = context.reference.structure(datasetID) else {
            throw WebError.notFound("There is no dataset '\(datasetID)'.")
        }
        let coverage = try await DatasetSummaryReader(store: context.store).coverage(visibility: request.visibility)[structure.id]
        let tableRequest = try Self.tableRequest(from: request, structure: structure, coverage: coverage)
        let table = try await TableReader(store: context.store).table(tableRequest, reference: context.reference, visibility: request.visibility)
        let page = DatasetPage(structure: structure, reference: context.reference, request: tableRequest, table: table, coverage: coverage)
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
        return TableRequest(datasetID: structure.id, rowDimension: rows, columnDimension: columns,
                            filters: filters, startPeriod: start, endPeriod: end)
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
            result[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }
}
