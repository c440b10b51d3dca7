import Foundation
import IMDMSCore
import Vapor

/// The kept responses, bounded in bytes; a URL's entry for an older data token is dropped as soon as a
/// newer one is kept.
actor PublicResponseStore {
    struct Key: Hashable {
        var path: String
        var accept: String
        var token: String
    }

    struct Kept: Sendable {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: ByteBuffer
        /// The body gzip-compressed once, when it is text.
        var gzip: ByteBuffer?

        var size: Int { body.readableBytes + (gzip?.readableBytes ?? 0) }

        func response(etag: String, gzip accepted: Bool) -> Response {
            var headers = headers
            headers.replaceOrAdd(name: .eTag, value: etag)
            headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
            headers.replaceOrAdd(name: .vary, value: "Accept-Encoding")
            if accepted, let gzip {
                headers.replaceOrAdd(name: .contentEncoding, value: "gzip")
                headers.responseCompression = .disable  // compressed already: the server must not do it again
                return Response(status: status, headers: headers, body: .init(buffer: gzip))
            }
            // Not text (a workbook, a PDF: compressed already), or not accepted: sent as it is.
            headers.responseCompression = .disable
            return Response(status: status, headers: headers, body: .init(buffer: body))
        }
    }

    /// A URL as asked for, whatever the token.
    struct Place: Hashable {
        var path: String
        var accept: String
    }

    static let byteLimit = 128 * 1024 * 1024
    private var entries: [Key: Kept] = [:]
    private var latest: [Place: Key] = [:]
    private var bytes = 0
    private(set) var hits = 0

    func response(for key: Key) -> Kept? {
        guard let kept = entries[key] else { return nil }
        hits += 1
        return kept
    }

    typealias Flight = Task<(Response, Kept?), any Error>
    private var flights: [Key: Flight] = [:]

    /// The rendering of `key` under way, or a new one `start` makes (then the caller leads it and
    /// must `land` it).
    func flight(for key: Key, start: () -> Flight) -> (Flight, leader: Bool) {
        if let flight = flights[key] { return (flight, false) }
        let flight = start()
        flights[key] = flight
        return (flight, true)
    }

    /// The rendering of `key` is done: kept when it can be.
    func land(_ key: Key, kept: Kept?) {
        flights[key] = nil
        if let kept { keep(kept, for: key) }
    }

    private var compressions: [Key: Task<ByteBuffer?, Never>] = [:]

    /// Whether a body of this size is kept (a larger one is answered and forgotten).
    static func keeps(bytes: Int) -> Bool { bytes <= byteLimit / 16 }

    /// The kept body compressed, made once by the first client that takes gzip when the rendering
    /// client did not; others asking meanwhile wait for it. Nil when the key is not kept.
    func gzip(for key: Key) async -> ByteBuffer? {
        guard let entry = entries[key] else { return nil }
        if let gzip = entry.gzip { return gzip }
        if let running = compressions[key] { return await running.value }
        let body = entry.body
        let task = Task.detached(priority: .userInitiated) { try? ByteBuffer(data: Gzip.compress(Data(buffer: body))) }
        compressions[key] = task
        let gzip = await task.value
        compressions[key] = nil
        if let gzip { attach(gzip: gzip, to: key) }
        return gzip
    }

    /// Adds the compressed body to a kept entry.
    func attach(gzip: ByteBuffer, to key: Key) {
        guard entries[key] != nil, entries[key]?.gzip == nil, bytes + gzip.readableBytes <= Self.byteLimit else { return }
        entries[key]!.gzip = gzip
        bytes += gzip.readableBytes
    }

    /// Keeps a response; the same URL's response for an older token is dropped (each dataset's
    /// pages follow their own token, so tokens differ between entries).
    func keep(_ kept: Kept, for key: Key) {
        let place = Place(path: key.path, accept: key.accept)
        if let older = latest[place], older != key, let dropped = entries.removeValue(forKey: older) {
            bytes -= dropped.size
        }
        guard Self.keeps(bytes: kept.size) else { return }
        if bytes + kept.size > Self.byteLimit {
            entries.removeAll()
            latest.removeAll()
            bytes = 0
        }
        entries[key] = kept
        latest[place] = key
        bytes += kept.size
    }
}
