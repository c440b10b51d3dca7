import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// SDMX REST web services: 2.1 under `/sdmx/2.1/` (`/{structure type}/{agency}/{id}/{version}`,
/// `/data/{flowRef}/{key}/{provider}`) and 2.x under `/sdmx/v2/` (`/structure/{type}/…`,
/// `/data/dataflow/{agency}/{id}/{version}/{key}` with `c[DIM]=` filters). Anonymous callers get
/// published, released, disclosure-controlled data; a token or session gives its role's scope.
struct SDMXController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let v21 = routes.grouped("sdmx", "2.1")
        v21.get("data", ":flowRef", use: data21)
        v21.get("data", ":flowRef", ":key", use: data21)
        v21.get("data", ":flowRef", ":key", ":provider", use: data21)
        v21.get(":type", use: structure21)
        v21.get(":type", ":agency", use: structure21)
        v21.get(":type", ":agency", ":id", use: structure21)
        v21.get(":type", ":agency", ":id", ":version", use: structure21)

        let v2 = routes.grouped("sdmx", "v2")
        v2.get("structure", ":type", use: structure2)
        v2.get("structure", ":type", ":agency", use: structure2)
        v2.get("structure", ":type", ":agency", ":id", use: structure2)
        v2.get("structure", ":type", ":agency", ":id", ":version", use: structure2)
        v2.get("data", ":context", ":agency", ":id", use: data2)
        v2.get("data", ":context", ":agency", ":id", ":version", use: data2)
        v2.get("data", ":context", ":agency", ":id", ":version", ":key", use: data2)
    }

    // MARK: Structures

    func structure21(_ request: Request) async throws -> Response {
        try structure(request, type: request.parameters.get("type") ?? "")
    }

    func structure2(_ request: Request) async throws -> Response {
        try structure(request, type: request.parameters.get("type") ?? "")
    }

    private func structure(_ request: Request, type: String) throws -> Response {
        let parameters = SDMXRequest.parameters(request)
        let format = try SDMXFormat.structure(accept: request.headers.first(name: .accept), format: parameters["format"])
        let query = try SDMXStructureQuery(
            type: type, agencyID: request.parameters.get("agency"), id: request.parameters.get("id"),
            version: request.parameters.get("version"), parameters: parameters)
        let translations = request.imdms.localizers.values.map(\.translations).sorted { $0.language.rawValue < $1.language.rawValue }
        // The country's artefacts, then the regional profile's (D71), in one message.
        var parts: [(writer: SDMXStructureWriter, selection: SDMXStructureSelection)] = []
        var nothing: SDMXError?
        for artefacts in [SDMXRequest.artefacts(request)] + (SDMXRequest.regionalArtefacts(request).map { [$0] } ?? []) {
            switch Result(catching: { () throws(SDMXError) -> SDMXStructureSelection in try SDMXStructureSelection(query, in: artefacts) }) {
            case let .success(selection):
                parts.append((SDMXStructureWriter(artefacts: artefacts, baseURL: SDMXRequest.baseURL(request), translations: translations), selection))
            case let .failure(error):
                guard error.code == 100 else { throw error }
                nothing = nothing ?? error
            }
        }
        if parts.isEmpty, let nothing { throw nothing }
        let body = SDMXStructureWriter.write(parts)
        return SDMXRequest.response(body, format: format)
    }

    // MARK: Data

    func data21(_ request: Request) async throws -> Response {
        let parameters = SDMXRequest.parameters(request)
        let format = try SDMXFormat.data(accept: request.headers.first(name: .accept), format: parameters["format"], api: .v21)
        let flow = try SDMXFlowReference(flowRef: request.parameters.get("flowRef") ?? "")
        return try await data(request, flow: flow, key: request.parameters.get("key"), provider: request.parameters.get("provider"),
                              parameters: parameters, filters: [:], format: format)
    }

    func data2(_ request: Request) async throws -> Response {
        let parameters = SDMXRequest.parameters(request)
        let format = try SDMXFormat.data(accept: request.headers.first(name: .accept), format: parameters["format"], api: .v2)
        let context = request.parameters.get("context") ?? ""
        guard context == "dataflow" else {
            if ["datastructure", "provisionagreement", "*"].contains(context) {
                throw SDMXError.notImplemented("data/\(context): this service answers data queries by dataflow only")
            }
            throw SDMXError.syntax("data/\(context): the context must be dataflow, datastructure or provisionagreement")
        }
        let flow = SDMXFlowReference(agencyID: request.parameters.get("agency"), id: request.parameters.get("id") ?? "", version: request.parameters.get("version"))
        return try await data(request, flow: flow, key: request.parameters.get("key"), provider: nil,
                              parameters: parameters, filters: SDMXRequest.componentFilters(request), format: format)
    }

    private func data(
        _ request: Request, flow: SDMXFlowReference, key: String?, provider: String?,
        parameters: [String: String], filters: [String: String], format: SDMXFormat
    ) async throws -> Response {
        let context = request.imdms
        let reference = context.reference
        if let regional = context.regional, SDMXFlowReference.matches(flow.agencyID, regional.profile.agencyID),
           let (structure, mapping) = regional.flow(flow.id), SDMXFlowReference.matches(flow.version, structure.version) {
            return try await SDMXRegional.response(request, regional: regional, structure: structure, flow: mapping, key: key, provider: provider,
                                                   parameters: parameters, filters: filters, format: format)
        }
        guard SDMXFlowReference.matches(flow.agencyID, reference.agencyID),
              let structure = reference.structures.first(where: { $0.id == flow.id }),
              SDMXFlowReference.matches(flow.version, structure.version) else {
            throw SDMXError.noResults("There is no dataflow \(flow.agencyID ?? reference.agencyID):\(flow.id)(\(flow.version ?? "latest")).")
        }
        if let provider, !SDMXFlowReference.matches(provider, structure.organisationID),
           !SDMXFlowReference.matches(provider, "\(reference.agencyID),\(structure.organisationID)") {
            throw SDMXError.noResults("\(structure.id) is provided by \(structure.organisationID), not \(provider).")
        }
        let query = try SDMXDataQuery(structure: structure, key: key, parameters: parameters, filters: filters)
        let streams = SDMXDataWriter.streams(format)
        let limit = streams ? context.settings.sdmxStreamAbove : SDMXDataReader.defaultLimit
        if let whole = try await SDMXParts.response(request, structure: structure, query: query, format: format, parts: context.settings.sdmxParts, limit: limit) {
            return whole
        }
        guard streams else { throw SDMXDataReader.tooMany(structure, limit: limit) }
        return try await SDMXStream.response(request, structure: structure, query: query, format: format)
    }
}
