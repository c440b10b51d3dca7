import Foundation
import IMDMSStorage
import Vapor

/// Pages, tables, reports, SDMX and API reads for the public, kept in memory per URL, `Accept`
/// header and public data token (data version and release times: `Store.publicDataToken`), and
/// validated with an `ETag`: on release morning the same bulletin is rendered once, then served
/// from memory, and a browser that has it gets `304 Not Modified`. Only anonymous `GET`s of the
/// public paths are kept, and never a response that sets a cookie. Compression is the HTTP server's
/// (gzip or deflate when the client accepts it).
struct PublicResponseCache: AsyncMiddleware {
    /// The paths whose anonymous GETs are the same for every visitor.
    static let prefixes = ["/datasets/", "/reports/", "/api/datasets", "/api/codelists", "/api/reports", "/sdmx/", "/developers", "/static/"]
    /// A process's boot: a new version of IMDMS (other templates, other code) changes every ETag.
    static let boot = String(UInt32.random(in: .min ... .max), radix: 36)

    let store: PublicResponseStore

    static func isPublic(_ request: Request) -> Bool {
        guard request.login == nil,
              request.headers[.authorization].isEmpty, request.cookies[AuthCookies.session] == nil else { return false }
        let path = request.url.path
        return path == "/" || prefixes.contains { path.hasPrefix($0) }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET, Self.isPublic(request) else { return try await next.respond(to: request) }
        let token = try await request.imdms.store.publicDataToken()
        let etag = "W/\"\(token)-\(Self.boot)\""
        if request.headers.first(name: .ifNoneMatch).map({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(etag) }) == true {
            let response = Response(status: .notModified)
            response.headers.replaceOrAdd(name: .eTag, value: etag)
            return response
        }
        let key = PublicResponseStore.Key(path: request.url.string, accept: request.headers.first(name: .accept) ?? "", token: token)
        if let kept = await store.response(for: key) {
            let response = kept.response(etag: etag)
            response.headers.replaceOrAdd(name: "X-Cache", value: "hit")
            return response
        }
        let response = try await next.respond(to: request)
        guard response.status == .ok, response.headers[.setCookie].isEmpty, let body = response.body.buffer ?? response.body.data.map({ ByteBuffer(data: $0) }) else {
            return response
        }
        let kept = PublicResponseStore.Kept(status: response.status, headers: response.headers, body: body)
        await store.keep(kept, for: key)
        return kept.response(etag: etag)
    }
}

/// The kept responses, bounded in bytes; entries of an older data token are dropped as soon as a
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

        func response(etag: String) -> Response {
            var headers = headers
            headers.replaceOrAdd(name: .eTag, value: etag)
            headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
            return Response(status: status, headers: headers, body: .init(buffer: body))
        }
    }

    static let byteLimit = 128 * 1024 * 1024
    private var entries: [Key: Kept] = [:]
    private var bytes = 0
    private var token = ""
    private(set) var hits = 0

    func response(for key: Key) -> Kept? {
        guard let kept = entries[key] else { return nil }
        hits += 1
        return kept
    }

    func keep(_ kept: Kept, for key: Key) {
        if key.token != token {
            entries.removeAll()
            bytes = 0
            token = key.token
        }
        guard kept.body.readableBytes <= Self.byteLimit / 16 else { return }
        if bytes + kept.body.readableBytes > Self.byteLimit {
            entries.removeAll()
            bytes = 0
        }
        entries[key] = kept
        bytes += kept.body.readableBytes
    }
}
