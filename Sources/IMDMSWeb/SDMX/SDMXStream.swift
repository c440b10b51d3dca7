import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// A large SDMX data message written while it is read (D61): the key space is cut at the codes
/// of the first dimension, each part is read (the next one while the last is written), put
/// under disclosure control and written, so the server holds one part, not the message. Only
/// SDMX-CSV and SDMX-ML stream, above `AppSettings.sdmxStreamAbove` observations (below, a
/// message is made whole and kept by the public cache); a part holds whole series, so `firstNObservations` and
/// `lastNObservations` hold.
enum SDMXStream {
    /// At most this many parts (one per code of the first dimension up to it).
    static let parts = 64

    static func response(_ request: Request, structure: DataStructure, query: SDMXDataQuery, format: SDMXFormat) async throws -> Response {
        let context = request.imdms, reader = SDMXRequest.reader(request), visibility = request.visibility
        let disclosure = try await SDMXRequest.disclosure(request, structure: structure)
        let ranges = reader.ranges(structure, query: query, parts: parts)
        let first = SDMXDataMessage(structure: structure, agencyID: context.reference.agencyID, codelists: context.reference.codelistsByID,
                                    observations: [], query: query)
        guard let head = SDMXDataWriter.head(first, as: format) else { throw SDMXError.notImplemented("\(format) is written whole") }
        let logger = request.logger
        @Sendable func read(_ index: Int) -> Task<[Observation], any Error> {
            Task { disclosure(try await reader.observations(structure: structure, query: query, visibility: visibility, in: ranges[index], lane: index, limit: nil)) }
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: format.mediaType)
        headers.replaceOrAdd(name: .vary, value: "Accept")
        return Response(status: .ok, headers: headers, body: .init(managedAsyncStream: { writer in
            do {
                try await writer.writeBuffer(ByteBuffer(string: head))
                var next: Task<[Observation], any Error>? = read(0)
                for index in ranges.indices {
                    guard let reading = next else { break }
                    let observations = try await reading.value
                    next = index + 1 < ranges.count ? read(index + 1) : nil
                    guard !observations.isEmpty else { continue }
                    let part = SDMXDataMessage(structure: structure, agencyID: first.agencyID, codelists: first.codelists,
                                               observations: observations, query: query, id: first.id, prepared: first.prepared)
                    try await writer.writeBuffer(ByteBuffer(bytes: SDMXDataWriter.body(part, as: format)))
                }
                try await writer.writeBuffer(ByteBuffer(string: SDMXDataWriter.tail(as: format)))
            } catch {
                // The status line has gone: the message ends unfinished, which readers see as an error.
                logger.error("SDMX stream of \(structure.id) broken off: \(String(describing: error))")
                throw error
            }
        }))
    }
}
