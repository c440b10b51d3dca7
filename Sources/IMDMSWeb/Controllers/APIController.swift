import IMDMSCore
import IMDMSStorage
import Vapor

/// The JSON API's first routes: the dataset catalogue and codelists.
struct APIController: RouteCollection {
    struct DatasetDTO: Content {
        var id: String
        var name: String
        var version: String
        var organisation: String
        var frequency: String
        var measure: Measure
        var disclosureThreshold: Int
        var dimensions: [DataDimension]
        var metadata: DatasetMetadata
        var observationCount: Int
        var firstPeriod: String?
        var lastPeriod: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api")
        api.get("datasets", use: datasets)
        api.get("codelists", ":codelistID", use: codelist)
    }

    func datasets(_ request: Request) async throws -> [DatasetDTO] {
        let context = request.imdms
        let coverage = try await DatasetSummaryReader(store: context.store).coverage()
        return context.reference.structures.map { s in
            DatasetDTO(
                id: s.id, name: s.name, version: s.version, organisation: s.organisationID, frequency: s.frequency.rawValue,
                measure: s.measure, disclosureThreshold: s.disclosureThreshold, dimensions: s.dimensions, metadata: s.metadata,
                observationCount: coverage[s.id]?.observationCount ?? 0,
                firstPeriod: coverage[s.id]?.firstPeriod, lastPeriod: coverage[s.id]?.lastPeriod
            )
        }
    }

    func codelist(_ request: Request) async throws -> Response {
        let id = request.parameters.get("codelistID") ?? ""
        guard let list = request.imdms.reference.codelistsByID[id] else {
            throw WebError.notFound("There is no codelist '\(id)'.")
        }
        let response = Response(status: .ok)
        try response.content.encode(list, as: .json)
        return response
    }
}
