import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// A regional profile's dataflow served from this country's data (D71): the whole message made
/// from the national tables the caller may see, then cut to the key and periods asked for.
enum SDMXRegional {
    static func response(
        _ request: Request, regional: RegionalOutput, structure: DataStructure, flow: RegionalMapping.Dataflow, key: String?, provider: String?,
        parameters: [String: String], filters: [String: String], format: SDMXFormat
    ) async throws -> Response {
        if let provider, !SDMXFlowReference.matches(provider, structure.organisationID),
           !SDMXFlowReference.matches(provider, "\(regional.profile.agencyID),\(structure.organisationID)") {
            throw SDMXError.noResults("\(structure.id) is provided by \(structure.organisationID), not \(provider).")
        }
        let query = try SDMXDataQuery(structure: structure, key: key, parameters: parameters, filters: filters)
        let reader = RegionalDataReader(store: request.imdms.store, national: request.imdms.reference)
        if let after = query.updatedAfter, !(try await reader.changed(flow.dataset, after: after)) {
            throw SDMXError.noResults("\(structure.id) has not changed since \(ISO8601DateFormatter().string(from: after)).")
        }
        let all = try await reader.observations(structure, flow: flow, visibility: request.visibility, disclosureControl: request.disclosureControl)
        let selected = all.filter { observation in
            zip(query.key, observation.key).allSatisfy { codes, code in codes?.contains(code) ?? true }
                && (query.startDate.map { observation.period.endDate >= $0 } ?? true)
                && (query.endDate.map { observation.period.startDate <= $0 } ?? true)
        }
        guard !selected.isEmpty else { throw SDMXError.noResults("No data of \(structure.id) matches the query.") }
        let message = SDMXDataMessage(structure: structure, agencyID: regional.profile.agencyID, codelists: regional.profile.codelistsByID,
                                      observations: selected, query: query)
        return SDMXRequest.response(SDMXDataWriter.write(message, as: format), format: format)
    }
}
