import IMDMSCore
import IMDMSStorage
import Vapor

/// The revision history of the datasets derived from traveller records (D50), for data managers.
struct RevisionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.dataset(.key, .revisions), use: page)
    }

    func page(_ request: Request) async throws -> Response {
        let login = try Access.require(request, "see the revisions of a derived dataset", Access.reviews)
        let datasetID = request.parameters.get(SiteURL.Key.dataset) ?? ""
        let context = request.imdms
        guard let structure = context.reference.structure(datasetID) else { throw WebError.notFound("There is no dataset '\(datasetID)'.") }
        guard MovementDerivationJob.datasets.contains(datasetID) else {
            throw WebError.notFound("\(datasetID) is not derived from traveller records; revisions are kept for \(MovementDerivationJob.datasets.joined(separator: ", ")).")
        }
        let history = try await RevisionHistoryReader(store: context.store).history(structure)
        let split = RevisionHistoryReader.splitDimension(of: structure).map { structure.dimensions[$0] }
        let labels = split.flatMap { context.reference.codelistsByID[$0.codelistID] }
        return RevisionsPage(structure: structure, splitName: split?.name.lowercased() ?? "total", history: history,
                             label: { code in labels?[code]?.name ?? (code.isEmpty ? "Total" : code) })
            .render(login: login).response()
    }
}
