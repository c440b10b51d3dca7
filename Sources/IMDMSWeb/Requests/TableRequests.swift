import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// What the table builder, its downloads and the JSON API read from a request: the dataset (with
/// its disclosure rule as stored now), the table asked for as the caller may see it, the labels.
enum TableRequests {
    /// The dataset's structure with its disclosure rule as stored now (a data manager may have
    /// changed it since start-up).
    static func structure(_ request: Request) async throws -> DataStructure {
        let context = request.imdms
        let datasetID = request.parameters.get(SiteURL.Key.dataset) ?? ""
        guard var structure = context.reference.structure(datasetID) else { throw WebError.notFound("There is no dataset '\(datasetID)'.") }
        structure.disclosureThreshold = try await DisclosureRules(store: context.store).threshold(datasetID) ?? structure.disclosureThreshold
        return structure
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

    /// `labels=names|codes|both` (default names).
    static func labels(_ request: Request) throws -> TableExport.Labels {
        let text = (request.url.query.map(Self.parameters) ?? [:])["labels"] ?? ""
        guard !text.isEmpty else { return .names }
        guard let labels = TableExport.Labels(rawValue: text) else { throw WebError.badRequest("Labels are names, codes or both, not ‘\(text)’.") }
        return labels
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
