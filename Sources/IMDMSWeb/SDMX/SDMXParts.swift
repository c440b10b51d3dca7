import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// An SDMX data message up to `limit` observations (`AppSettings.sdmxStreamAbove` for SDMX-CSV
/// and SDMX-ML, which stream above it; the reader's limit for SDMX-JSON), made whole from parts
/// of the key space (cut at the first dimension's codes, as `SDMXStream` cuts them) read and
/// written at the same time, each part on its own connection and core (`Store.sql(lane:)`),
/// instead of reading everything and then writing it on one core (D66).
/// The message is the one `SDMXDataWriter.write` makes of all the observations (a part holds
/// whole series); it is made whole, so the public cache keeps it.
enum SDMXParts {
    private struct TooMany: Error {}

    /// Nil when the query selects more than `limit` observations: the caller streams it or refuses it.
    static func response(_ request: Request, structure: DataStructure, query: SDMXDataQuery, format: SDMXFormat, parts: Int, limit: Int) async throws -> Response? {
        let context = request.imdms, reader = SDMXRequest.reader(request), visibility = request.visibility
        let disclosure = try await SDMXRequest.disclosure(request, structure: structure)
        let ranges = reader.ranges(structure, query: query, parts: parts)
        let bound = try await reader.mayExceed(structure, query: query, limit: limit) ? limit : nil
        let first = SDMXDataMessage(structure: structure, agencyID: context.reference.agencyID, codelists: context.reference.codelistsByID,
                                    observations: [], query: query)
        // SDMX-CSV and SDMX-ML parts are written as they come; SDMX-JSON lists the codes present
        // before any key, so its parts are grouped into series here and written together at the end.
        let head = SDMXDataWriter.head(first, as: format)
        let written: [(count: Int, series: [SDMXDataMessage.Series], bytes: [UInt8])]
        do {
            written = try await withThrowingTaskGroup(of: (Int, Int, [SDMXDataMessage.Series], [UInt8]).self) { group in
                for (index, range) in ranges.enumerated() {
                    group.addTask {
                        let observations = disclosure(try await reader.observations(structure: structure, query: query, visibility: visibility, in: range, lane: index, limit: bound))
                        guard !observations.isEmpty else { return (index, 0, [], []) }
                        let part = SDMXDataMessage(structure: structure, agencyID: first.agencyID, codelists: first.codelists,
                                                   observations: observations, query: query, id: first.id, prepared: first.prepared)
                        return head == nil ? (index, observations.count, part.series, []) : (index, observations.count, [], SDMXDataWriter.body(part, as: format))
                    }
                }
                var written = Array(repeating: (count: 0, series: [SDMXDataMessage.Series](), bytes: [UInt8]()), count: ranges.count)
                var total = 0
                for try await (index, count, series, bytes) in group {
                    written[index] = (count, series, bytes)
                    total += count
                    // More than a whole message may hold: stop reading, the caller streams it.
                    if total > limit { throw TooMany() }
                }
                return written
            }
        } catch is TooMany {
            return nil
        } catch let error as SDMXError where error.code == 510 {
            return nil
        }
        guard written.contains(where: { $0.count > 0 }) else { throw SDMXError.noResults("No data of \(structure.id) matches the query.") }
        guard let head else {
            // Each part holds whole series in key order: one after the other, they are the message's series.
            var message = first
            message.series = written.flatMap(\.series)
            return SDMXRequest.response(SDMXDataWriter.write(message, as: format), format: format)
        }
        // Written straight into the response's buffer: a GenericData month is 24 MB, and joining
        // the parts into one string first copied it once more.
        let tail = SDMXDataWriter.tail(as: format)
        var body = ByteBufferAllocator().buffer(capacity: head.utf8.count + written.reduce(0) { $0 + $1.bytes.count } + tail.utf8.count)
        body.writeString(head)
        for part in written { body.writeBytes(part.bytes) }
        body.writeString(tail)
        return SDMXRequest.response(body, format: format)
    }
}
