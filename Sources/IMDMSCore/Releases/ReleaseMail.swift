import Foundation

/// The e-mail a subscriber gets for a release: plain text (UTF-8, quoted-printable not needed as
/// lines stay short; sent as 8bit), with the links to each report as released.
public struct ReleaseMail: Sendable {
    public var from: String
    public var to: String
    public var release: Release
    public var links: ReleaseLinks
    public var siteName: String

    public init(from: String, to: String, release: Release, links: ReleaseLinks, siteName: String) {
        self.from = from
        self.to = to
        self.release = release
        self.links = links
        self.siteName = siteName
    }

    /// Header values carry no line breaks (an address or title cannot add headers).
    static func header(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }.map(Character.init))
    }

    /// The message as sent after SMTP's DATA, lines ending in CRLF.
    public func message(date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        var body = [release.summary, ""]
        for document in release.documents {
            body.append("\(document.title), \(document.period):")
            body.append("  " + links.document(release.id, document.reportID))
        }
        body += ["", "All releases: \(links.releases) (Atom feed: \(links.feed))", "",
                 "You receive this because a data manager of \(siteName) added your address. Ask them to remove it."]
        let headers = [
            "From: \(Self.header(from))", "To: \(Self.header(to))", "Subject: \(Self.header(siteName + ": " + release.title))",
            "Date: \(formatter.string(from: date))", "Message-ID: <\(UUID().uuidString.lowercased())@imdms>",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        return (headers + [""] + body).joined(separator: "\r\n") + "\r\n"
    }
}
