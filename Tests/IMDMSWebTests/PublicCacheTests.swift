import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import IMDMSWeb
import Testing
import Vapor
import VaporTesting

/// Public pages are rendered once per data version and release state, validated by ETag, and
/// compressed on the wire; nothing personal is ever kept.
@Suite("Public responses: kept per data version, ETag and 304, gzip")
struct PublicCacheTests {
    @Test("The same anonymous page twice: the second from memory, the same bytes; If-None-Match gets 304; new data a new tag", arguments: TestBackend.available)
    func kept(backend: TestBackend) async throws {
        try await withIMDMSApp(backend, demoYears: 2023...2023) { app, reference in
            let path = "/datasets/LABOUR_MIGRATION"
            var first = "", etag = ""
            try await app.testing().test(.GET, path) { response in
                #expect(response.status == .ok && response.headers.first(name: "X-Cache") == nil)
                etag = response.headers.first(name: .eTag) ?? ""
                first = response.body.string
            }
            #expect(etag.hasPrefix("W/\""))
            try await app.testing().test(.GET, path) { response in
                #expect(response.headers.first(name: "X-Cache") == "hit" && response.body.string == first && response.headers.first(name: .eTag) == etag)
                #expect(response.headers.first(name: .cacheControl) == "no-cache")
            }
            try await app.testing().test(.GET, path, headers: ["If-None-Match": etag]) { response in
                #expect(response.status == .notModified && response.body.readableBytes == 0)
            }
            var borderTag = ""
            try await app.testing().test(.GET, "/datasets/BORDER_CROSSINGS") { borderTag = $0.headers.first(name: .eTag) ?? "" }
            // New data: a new version, so a new tag and a fresh page.
            let file = IncomingFile(name: "labour.csv", data: try Data(contentsOf: try MiniXLSX.sample("mole-labour-migrants-2022.csv")))
            _ = try await IntakeService(store: app.imdms.store, reference: reference).importFile(file, datasetID: "LABOUR_MIGRATION", channel: .web)
            try await app.testing().test(.GET, path, headers: ["If-None-Match": etag]) { response in
                #expect(response.status == .ok && response.headers.first(name: "X-Cache") == nil)
                #expect(response.headers.first(name: .eTag) != etag)
            }
            try await app.testing().test(.GET, "/datasets/BORDER_CROSSINGS") { response in
                #expect(response.headers.first(name: .eTag) == borderTag && response.headers.first(name: "X-Cache") == "hit",
                        "labour figures leave the border page as it was: each dataset has its own data version")
            }
        }
    }

    @Test("Signed-in pages, API calls with a token and responses that set a cookie are never kept")
    func personal() async throws {
        try await withIMDMSApp(.sqlite) { app, _ in
            let manager = try await IntakeWebTests.session(app, "palesa", .dataManager, org: "BOS")
            for _ in 0..<2 {
                try await app.testing().test(.GET, "/datasets/LABOUR_MIGRATION", headers: ["Cookie": IntakeWebTests.cookie(manager)]) { response in
                    #expect(response.headers.first(name: "X-Cache") == nil && response.headers.first(name: .eTag) == nil)
                    #expect(response.headers.first(name: .cacheControl) == "no-store")
                }
            }
            var tokens: Set<String> = []
            for _ in 0..<2 {
                try await app.testing().test(.GET, "/login") { response in
                    #expect(response.headers.first(name: "X-Cache") == nil)
                    tokens.insert(response.headers.setCookie?[AuthCookieNames.loginCSRF]?.string ?? "")
                }
            }
            #expect(tokens.count == 2, "each visitor gets a fresh login token")
        }
    }

    @Test("On the wire, pages are gzip-compressed for clients that accept it")
    func compressed() async throws {
        try await withIMDMSApp(.sqlite, demoYears: 2022...2022) { app, _ in
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            do {
                let base = "http://127.0.0.1:\(try #require(app.http.server.shared.localAddress?.port))"
                let zipped = try await app.client.get(URI(string: base + "/"), headers: ["Accept-Encoding": "gzip"])
                #expect(zipped.status == .ok && zipped.headers.first(name: .contentEncoding) == "gzip")
                let plain = try await app.client.get(URI(string: base + "/"))
                #expect(plain.headers.first(name: .contentEncoding) == nil && (plain.body?.readableBytes ?? 0) > (zipped.body?.readableBytes ?? 0) * 3)
                // Now kept: compressed once, sent as it is — still exactly one gzip layer.
                let kept = try await app.client.get(URI(string: base + "/"), headers: ["Accept-Encoding": "gzip"])
                #expect(kept.headers.first(name: "X-Cache") == "hit" && kept.headers[.contentEncoding] == ["gzip"])
                if Python.available(["gzip"]) {
                    let path = try Python.temporaryFile(Data(buffer: kept.body ?? ByteBuffer()), suffix: ".gz")
                    defer { try? FileManager.default.removeItem(atPath: path) }
                    #expect(try Python.run("import gzip, sys\nsys.stdout.write(gzip.decompress(open(sys.argv[1], \"rb\").read()).decode(\"utf-8\"))", arguments: [path]) == String(buffer: plain.body ?? ByteBuffer()))
                }
                // Rendered for a client without gzip: kept plain; the first client that takes gzip
                // compresses the kept copy, once, and gets it (D72).
                let csvPath = base + "/sdmx/2.1/data/BORDER_CROSSINGS/MSB.ARR....?format=csv"
                let first = try await app.client.get(URI(string: csvPath))
                #expect(first.headers.first(name: .contentEncoding) == nil && first.headers.first(name: "X-Cache") == nil)
                for _ in 0..<2 {
                    let later = try await app.client.get(URI(string: csvPath), headers: ["Accept-Encoding": "gzip"])
                    #expect(later.headers.first(name: "X-Cache") == "hit" && later.headers[.contentEncoding] == ["gzip"])
                    #expect((later.body?.readableBytes ?? 0) * 3 < (first.body?.readableBytes ?? 0))
                    if Python.available(["gzip"]) {
                        let path = try Python.temporaryFile(Data(buffer: later.body ?? ByteBuffer()), suffix: ".gz")
                        defer { try? FileManager.default.removeItem(atPath: path) }
                        #expect(try Python.run("import gzip, sys\nsys.stdout.write(gzip.decompress(open(sys.argv[1], \"rb\").read()).decode(\"utf-8\"))", arguments: [path])
                            == String(buffer: first.body ?? ByteBuffer()), "one gzip layer over the kept body")
                    }
                }
                // A workbook is compressed already: kept or not, it is sent as it is, never gzipped again.
                for _ in 0..<2 {
                    let workbook = try await app.client.get(URI(string: base + "/reports/quarterly-bulletin?format=xlsx"), headers: ["Accept-Encoding": "gzip"])
                    #expect(workbook.status == .ok && workbook.headers[.contentEncoding].isEmpty)
                    #expect(workbook.body.map { Array($0.readableBytesView.prefix(2)) } == [0x50, 0x4B], "a zip file, as written")
                }
            } catch { await app.server.shutdown(); throw error }
            await app.server.shutdown()
        }
    }
}
