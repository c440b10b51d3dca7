import Crypto
import Foundation

/// What a webhook subscriber receives for a release (D59): a JSON body POSTed to its URL —
/// the release's id, time, title and summary, each report's address, the feed — signed with
/// HMAC-SHA256 over the exact body when the server has a webhook secret, so the receiver can
/// check it came from this system (`X-IMDMS-Signature: sha256=<hex>`, as GitHub signs its hooks).
public struct ReleaseWebhook: Sendable {
    public static let signatureHeader = "X-IMDMS-Signature"

    public var release: Release
    public var links: ReleaseLinks

    public init(release: Release, links: ReleaseLinks) {
        self.release = release
        self.links = links
    }

    struct Body: Encodable {
        struct Report: Encodable { var report: String, title: String, period: String, url: String }
        var event = "release"
        var id: String, at: String, title: String, summary: String
        var reports: [Report]
        var releases: String, feed: String
    }

    /// The body as sent: keys sorted, so the same release always gives the same bytes.
    public func body() -> Data {
        let formatter = ISO8601DateFormatter()
        let body = Body(id: release.id.uuidString, at: formatter.string(from: release.at), title: release.title, summary: release.summary,
                        reports: release.documents.map {
                            .init(report: $0.reportID, title: $0.title, period: $0.period, url: links.document(release.id, $0.reportID))
                        },
                        releases: links.releases, feed: links.feed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)) ?? Data()
    }

    /// `sha256=` and the hexadecimal HMAC-SHA256 of `body` with `secret`.
    public static func signature(_ body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether a subscriber's address is a webhook (an http or https URL) rather than an e-mail address.
    public static func isWebhook(_ address: String) -> Bool {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return false }
        return url.host?.isEmpty == false
    }
}
