import Foundation

/// The absolute addresses a release's feed, e-mail and webhook link to. The web layer makes them
/// from its routes and the site's address (`ReleaseLinks.site`); the domain does not know routes.
public struct ReleaseLinks: Sendable {
    /// The releases page.
    public var releases: String
    /// The Atom feed.
    public var feed: String
    /// One release on the releases page.
    public var release: @Sendable (UUID) -> String
    /// A report as released (release, report id).
    public var document: @Sendable (UUID, String) -> String

    public init(releases: String, feed: String, release: @escaping @Sendable (UUID) -> String, document: @escaping @Sendable (UUID, String) -> String) {
        self.releases = releases
        self.feed = feed
        self.release = release
        self.document = document
    }
}
