import Foundation

/// The releases as an Atom 1.0 feed (RFC 4287): one entry per release, linking its page and each
/// report as released.
public struct AtomFeed: Sendable {
    public var title: String
    /// Absolute links (a feed's entries need them).
    public var links: ReleaseLinks
    public var releases: [Release]

    public init(title: String, links: ReleaseLinks, releases: [Release]) {
        self.title = title
        self.links = links
        self.releases = releases
    }

    public func xml() -> String {
        let esc = XMLText.escape
        let updated = releases.map(\.at).max() ?? Date(timeIntervalSince1970: 0)
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "<title>\(esc(title))</title>\n<id>\(esc(links.releases))</id>\n<updated>\(Self.timestamp(updated))</updated>\n"
        xml += "<link rel=\"self\" href=\"\(esc(links.feed))\"/>\n<link href=\"\(esc(links.releases))\"/>\n<author><name>\(esc(title))</name></author>\n"
        for release in releases {
            xml += "<entry>\n<id>urn:uuid:\(release.id.uuidString.lowercased())</id>\n<title>\(esc(release.title))</title>\n"
            xml += "<updated>\(Self.timestamp(release.at))</updated>\n<link href=\"\(esc(links.release(release.id)))\"/>\n"
            var summary = release.summary
            if !release.documents.isEmpty {
                summary += " Reports: " + release.documents.map { "\($0.title) (\($0.period))" }.joined(separator: ", ") + "."
            }
            xml += "<summary>\(esc(summary))</summary>\n"
            for document in release.documents {
                xml += "<link rel=\"related\" type=\"text/html\" title=\"\(esc(document.title)) \(esc(document.period))\" "
                    + "href=\"\(esc(links.document(release.id, document.reportID)))\"/>\n"
            }
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
