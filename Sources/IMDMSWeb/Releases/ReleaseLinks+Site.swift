import Foundation
import IMDMSCore

extension ReleaseLinks {
    /// The release links of this site: its address (no trailing slash) before the routes' paths.
    static func site(_ address: String) -> ReleaseLinks {
        ReleaseLinks(releases: address + SiteURL.releases.path, feed: address + SiteURL.releasesFeed.path,
                     release: { address + SiteURL.releases.path + "#release-\($0.uuidString)" },
                     document: { address + SiteURL.releaseDocument(.value($0), .value($1)).path })
    }
}
