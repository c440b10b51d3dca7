import IMDMSCore
import IMDMSStorage
import Vapor

/// One source per statistic (D47), for data managers: the coverage check (a producer's report and
/// traveller records side by side, with the differences) and the rules that say which is current.
struct SourcesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.dataset(.key, .sources), use: page)
        routes.post(SiteURL.dataset(.key, .sources), use: addRule)
    }

    static func datasetID(_ request: Request) throws -> String {
        let datasetID = request.parameters.get(SiteURL.Key.dataset) ?? ""
        guard request.imdms.reference.structure(datasetID) != nil else { throw WebError.notFound("There is no dataset '\(datasetID)'.") }
        guard SourceRules.datasets.contains(datasetID) else {
            throw WebError.notFound("\(datasetID) has one source only; the coverage check is for \(SourceRules.datasets.sorted().joined(separator: ", ")).")
        }
        return datasetID
    }

    func page(_ request: Request) async throws -> Response {
        let login = try Access.require(request, "compare the sources of a dataset", Access.reviews)
        return try await Self.render(request, login, datasetID: try Self.datasetID(request), message: nil)
    }

    static func render(_ request: Request, _ login: SessionRepository.Session, datasetID: String, message: String?) async throws -> Response {
        let context = request.imdms
        guard let structure = context.reference.structure(datasetID), let dimension = structure.dimensions.first else {
            throw WebError.notFound("There is no dataset '\(datasetID)'.")
        }
        let tableRequest = TableRequest(datasetID: datasetID, rowDimension: dimension.id, columnDimension: TableRequest.timeDimension)
        let reader = TableReader(store: context.store)
        let rules = try await SourceRules(store: context.store).rules(datasetID)
        let comparison = SourceComparison(
            dimensionID: dimension.id,
            reported: try await reader.table(tableRequest, reference: context.reference, source: .reported),
            records: try await reader.table(tableRequest, reference: context.reference, source: .records), rules: rules)
        let labels = context.reference.codelistsByID[dimension.codelistID]
        return SourcesPage(structure: structure, dimensionName: dimension.name, comparison: comparison, rules: rules,
                           label: { code in labels?[code]?.name ?? code }, csrf: login.csrfToken, message: message)
            .render(login: login).response()
    }

    struct RuleForm: Content {
        var source: String
        var first: String
        var last: String?
    }

    /// A data manager decides which source is current from one period (to another, or onwards).
    func addRule(_ request: Request) async throws -> Response {
        let login = try Access.require(request, "decide which source is current", Access.reviews)
        let datasetID = try Self.datasetID(request)
        let form = try request.content.decode(RuleForm.self)
        guard let source = StatisticSource(rawValue: form.source) else { throw WebError.badRequest("The source is ‘reported’ or ‘records’, not ‘\(form.source)’.") }
        let first: Period, last: Period?
        do {
            first = try Period(parsing: form.first.trimmingCharacters(in: .whitespaces))
            let lastText = (form.last ?? "").trimmingCharacters(in: .whitespaces)
            last = lastText.isEmpty ? nil : try Period(parsing: lastText)
        } catch {
            throw WebError.badRequest("Periods are written like 2022-11: \(error)")
        }
        try await SourceRules(store: request.imdms.store).add(SourceRule(datasetID: datasetID, first: first, last: last, source: source), by: login.user)
        return try await Self.render(request, login, datasetID: datasetID,
                                     message: "From \(first)\(last.map { " to \($0)" } ?? " onwards") the current source is: \(source.label).")
    }
}
