import Foundation
import IMDMSCore
import IMDMSStorage
import AsyncHTTPClient
import NIOCore
import Vapor

/// Pulls a partner's dataflow by SDMX and stores it as a submission of one of our datasets, for the
/// ordinary review (D69). A bad mapping, a partner code without a mapping or an unreachable partner
/// stores nothing and says why; the next pull asks only for what changed since the last one.
public struct ExchangePull: Sendable {
    public enum Outcome: Sendable {
        case stored(Submission, observations: Int)
        /// The partner has nothing new since the last pull.
        case nothingNew(since: Date?)
    }

    let store: Store
    let reference: ReferenceConfiguration
    /// The largest answer taken from a partner; a larger one is refused, and nothing stored.
    let maxAnswerBytes: Int

    public static let defaultMaxAnswerBytes = 256 * 1024 * 1024

    public init(store: Store, reference: ReferenceConfiguration, maxAnswerBytes: Int = defaultMaxAnswerBytes) {
        self.store = store
        self.reference = reference
        self.maxAnswerBytes = maxAnswerBytes
    }

    /// A partner that cannot be reached is given up after 10 s of retries (the shared client
    /// retries until the request's deadline); a slow answer may take up to 5 minutes.
    static let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                   configuration: .init(timeout: .init(connect: .seconds(10), read: .seconds(120))))

    public func pull(_ mapping: ExchangeMapping) async throws -> Outcome {
        try mapping.check(against: reference)
        guard let structure = reference.structure(mapping.dataset) else { throw ExchangeError.mapping(["there is no dataset \(mapping.dataset)"]) }
        let marks = ExchangeMarks(store: store)
        let since = try await marks.lastPull(mapping.id)
        let started = Date()
        let url = mapping.url(updatedAfter: since)
        let bytes: [UInt8]
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/vnd.sdmx.data+csv;version=1.0.0")
            let response = try await Self.client.execute(request, timeout: .seconds(300))
            // SDMX answers "no results" with 404.
            if response.status == .notFound {
                try await marks.record(mapping.id, started: started, query: url)
                return .nothingNew(since: since)
            }
            guard response.status == .ok else {
                throw ExchangeError.unreachable(service: mapping.service, reason: "HTTP \(response.status.code) for \(url)")
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maxAnswerBytes {
                throw ExchangeError.unreachable(service: mapping.service, reason: "the answer (\(length) bytes) is larger than the \(maxAnswerBytes) bytes taken")
            }
            do { bytes = Array(try await response.body.collect(upTo: maxAnswerBytes).readableBytesView) } catch is NIOTooManyBytesError {
                throw ExchangeError.unreachable(service: mapping.service, reason: "the answer is larger than the \(maxAnswerBytes) bytes taken")
            }
        } catch let error as ExchangeError {
            throw error
        } catch {
            throw ExchangeError.unreachable(service: mapping.service, reason: String(describing: error))
        }
        let (csv, count) = try mapping.translate(bytes, into: structure, agencyID: reference.agencyID)
        guard count > 0 else {
            try await marks.record(mapping.id, started: started, query: url)
            return .nothingNew(since: since)
        }
        let stamp = ISO8601DateFormatter().string(from: started)
        let file = IncomingFile(name: "\(mapping.id) \(stamp).csv", data: Data(csv.utf8))
        let outcome = try await IntakeService(store: store, reference: reference)
            .importFile(file, datasetID: mapping.dataset, channel: .exchange, organisationID: mapping.organisation, actor: "exchange:\(mapping.id) \(url)")
        guard case let .stored(submission, _) = outcome else {
            throw ExchangeError.mapping(outcome.preview.problems.prefix(20).map { "\($0)" })
        }
        try await marks.record(mapping.id, started: started, query: url)
        return .stored(submission, observations: count)
    }
}
