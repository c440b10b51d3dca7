import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// Pages, tables, reports, SDMX and API reads for the public, kept in memory per URL, `Accept`
/// header and public data token (data version and release times: `Store.publicDataToken`), and
/// validated with an `ETag`: on release morning the same bulletin is rendered once, then served
/// from memory, and a browser that has it gets `304 Not Modified`. Only anonymous `GET`s of the
/// public paths are kept, and never a response that sets a cookie. Compression is the HTTP server's
/// (gzip or deflate when the client accepts it).
struct PublicResponseCache: AsyncMiddleware {
    /// A process's boot: a new version of IMDMS (other templates, other code) changes every ETag.
    static let boot = String(UInt32.random(in: .min ... .max), radix: 36)

    let store: PublicResponseStore

    static func isPublic(_ request: Request) -> Bool {
        guard request.login == nil,
              request.headers[.authorization].isEmpty, request.cookies[AuthCookies.session] == nil else { return false }
        let path = request.url.path
        return path == SiteURL.home.path || SiteURL.publicPrefixes.contains { path.hasPrefix($0) }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET, Self.isPublic(request) else { return try await next.respond(to: request) }
        let token = try await request.imdms.store.publicDataToken(dataset: Self.dataset(of: request))
        // Each language is its own response (LanguageMiddleware, outside this one, chose it).
        let language = Localizer.current.language.rawValue
        let etag = "W/\"\(token)-\(Self.boot)-\(language)\""
        if request.headers.first(name: .ifNoneMatch).map({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(etag) }) == true {
            let response = Response(status: .notModified)
            response.headers.replaceOrAdd(name: .eTag, value: etag)
            return response
        }
        let key = PublicResponseStore.Key(path: request.url.string, accept: (request.headers.first(name: .accept) ?? "") + "|" + language, token: token)
        if var kept = await store.response(for: key) {
            if Self.acceptsGzip(request), kept.gzip == nil, Self.compressible(kept.headers) { kept.gzip = await store.gzip(for: key) }
            let response = kept.response(etag: etag, gzip: Self.acceptsGzip(request))
            response.headers.replaceOrAdd(name: "X-Cache", value: "hit")
            return response
        }
        // One rendering per key at a time: when new data empties the cache on release morning, the
        // crowd asking for the same page waits for the first request's rendering instead of
        // rendering it 64 times over.
        let acceptsGzip = Self.acceptsGzip(request)
        let (flight, leader) = await store.flight(for: key) {
            Task {
                let response = try await next.respond(to: request)
                guard response.status == .ok, response.headers[.setCookie].isEmpty,
                      let body = response.body.buffer ?? response.body.data.map({ ByteBuffer(data: $0) }) else { return (response, nil) }
                // Compressed once here, before anyone is answered, when this client takes gzip (as
                // browsers do) and the response is kept: the crowd waiting for this rendering after
                // new data then gets the compressed copy instead of each being compressed again on
                // the wire. Otherwise the first later client that takes gzip compresses the kept
                // copy (`PublicResponseStore.gzip`): nothing is compressed in the background, where
                // it took a core from the requests that followed (D72).
                let gzip = acceptsGzip && Self.compressible(response.headers) && PublicResponseStore.keeps(bytes: body.readableBytes)
                    ? (try? ByteBuffer(data: Gzip.compress(Data(buffer: body)))) : nil
                return (response, PublicResponseStore.Kept(status: response.status, headers: response.headers, body: body, gzip: gzip))
            }
        }
        let outcome: (Response, PublicResponseStore.Kept?)
        do { outcome = try await flight.value } catch {
            await store.land(key, kept: nil)
            if leader { throw error }
            return try await next.respond(to: request)  // the first request failed: this one tries for itself
        }
        if leader {
            await store.land(key, kept: outcome.1)
        }
        guard let kept = outcome.1 else { return leader ? outcome.0 : try await next.respond(to: request) }
        return kept.response(etag: etag, gzip: Self.acceptsGzip(request))
    }

    /// The one dataset a page or download is about (`/datasets/ID…`, `/api/datasets/ID/…`), whose
    /// own data version then keys it; nil for pages over many datasets.
    static func dataset(of request: Request) -> String? {
        let parts = request.url.path.split(separator: "/")
        let id: Substring? = switch (parts.first, parts.dropFirst().first) {
        case ("datasets"?, _): parts.dropFirst().first
        case ("api"?, "datasets"?): parts.dropFirst(2).first
        default: nil
        }
        guard let id, request.imdms.reference.structure(String(id)) != nil else { return nil }
        return String(id)
    }

    static func acceptsGzip(_ request: Request) -> Bool {
        request.headers[.acceptEncoding].contains { $0.lowercased().contains("gzip") }
    }

    /// Text worth compressing (pages, CSV, JSON, XML, SVG); workbooks and PDFs are compressed already.
    static func compressible(_ headers: HTTPHeaders) -> Bool {
        guard let type = headers.first(name: .contentType)?.lowercased(), !type.contains("openxmlformats") else { return false }  // a workbook is a zip
        return type.hasPrefix("text/") || type.contains("json") || type.contains("xml") || type.contains("csv") || type.contains("javascript")
    }
}
