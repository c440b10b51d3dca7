import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// What the SDMX services read from a request and how they answer.
enum SDMXRequest {
    /// Query parameters as sent: `+` stays `+` (SDMX alternatives, time-zone offsets).
    static func parameters(_ request: Request) -> [String: String] {
        var result: [String: String] = [:]
        for item in queryItems(request) where !item.name.hasPrefix("c[") { result[item.name] = item.value ?? "" }
        return result
    }

    /// The 2.x component filters: `c[SEX]=F,M` → `["SEX": "F,M"]`.
    static func componentFilters(_ request: Request) -> [String: String] {
        var result: [String: String] = [:]
        for item in queryItems(request) where item.name.hasPrefix("c[") && item.name.hasSuffix("]") {
            result[String(item.name.dropFirst(2).dropLast())] = item.value ?? ""
        }
        return result
    }

    private static func queryItems(_ request: Request) -> [URLQueryItem] {
        guard let query = request.url.query, !query.isEmpty else { return [] }
        var components = URLComponents()
        components.percentEncodedQuery = query
        return components.queryItems ?? []
    }

    static func artefacts(_ request: Request) -> SDMXArtefacts {
        let reference = request.imdms.reference
        return SDMXArtefacts(agencyID: reference.agencyID, structures: reference.structures, codelists: reference.codelistsByID)
    }

    /// The regional profile's artefacts this country serves (D71), if it maps any.
    static func regionalArtefacts(_ request: Request) -> SDMXArtefacts? {
        guard let regional = request.imdms.regional else { return nil }
        return SDMXArtefacts(agencyID: regional.profile.agencyID, structures: regional.structures, codelists: regional.profile.codelistsByID)
    }

    /// `http://host/sdmx/2.1`, from the request's Host (and X-Forwarded-Proto behind a proxy).
    static func baseURL(_ request: Request) -> String {
        let host = request.headers.first(name: .host) ?? "localhost"
        let scheme = request.headers.first(name: "X-Forwarded-Proto") == "https" ? "https" : "http"
        return "\(scheme)://\(host)/sdmx/2.1"
    }

    static func reader(_ request: Request) -> SDMXDataReader {
        SDMXDataReader(store: request.imdms.store, codelists: request.imdms.reference.codelistsByID)
    }

    /// What the caller may see of observations read: as they are, or, for callers under disclosure
    /// control, each with its protected cube's status, so an observation is withheld here exactly
    /// when its cell is withheld in every table (`CONF_STATUS=C`, no value).
    static func disclosure(_ request: Request, structure: DataStructure) async throws -> @Sendable ([Observation]) -> [Observation] {
        let context = request.imdms
        guard request.disclosureControl,
              let cube = try await context.store.protectedCubes.cube(structure, codelists: context.reference.codelistsByID,
                                                                     visibility: request.visibility, store: context.store, now: Date())
        else { return { $0 } }
        return { selected in
            selected.map { observation in
                var shown = observation
                if cube.observation(observation.key, period: observation.period).withheld || observation.confidentiality != .free {
                    shown.value = nil
                    shown.status = .suppressed
                    shown.confidentiality = .confidential
                }
                return shown
            }
        }
    }

    static func response(_ body: String, format: SDMXFormat) -> Response {
        response(ByteBuffer(string: body), format: format)
    }

    static func response(_ body: ByteBuffer, format: SDMXFormat) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: format.mediaType)
        headers.replaceOrAdd(name: .vary, value: "Accept")
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }

    /// An SDMX error message: SDMX-JSON when the caller asked for JSON, SDMX-ML otherwise.
    static func errorResponse(_ error: SDMXError, for request: Request) -> Response {
        let accept = (request.headers.first(name: .accept) ?? "").lowercased()
        let format = (request.url.query ?? "").lowercased()
        let json = accept.contains("json") || format.contains("format=json") || format.contains("format=sdmx-json")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: json ? "application/json; charset=utf-8" : "application/xml; charset=utf-8")
        return Response(status: HTTPResponseStatus(statusCode: error.httpStatus), headers: headers,
                        body: .init(string: json ? error.json : error.xml))
    }
}
