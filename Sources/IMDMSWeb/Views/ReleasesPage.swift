import Foundation
import IMDMSCore
import IMDMSStorage

/// The latest releases: when new data became public, what it was, and each report as released.
struct ReleasesPage {
    var releases: [Release]
    var times: ReleaseTimeText

    func render(login: SessionRepository.Session?) -> Layout {
        Layout(title: T("Latest releases"), login: login) {
            var html = Markup.tag(.h1, text: T("Latest releases"))
                + .tag(.p, [.class("meta")], .text(T("Each time new statistics become public, the reports that use them are made and kept here as released.")),
                       .space, .text(T("Follow them in a feed reader:")), .space, .link(.releasesFeed, "Atom feed", [.id("feed")]), .text("."))
            if releases.isEmpty { html += .tag(.p, [.id("no-releases")], text: T("Nothing has been released yet.")) }
            for release in releases {
                var inner = Markup.tag(.h2, text: release.title) + .tag(.p, [.class("meta")], text: T("Released %@", times.format(release.at)))
                    + .tag(.p, text: release.summary)
                if !release.documents.isEmpty {
                    inner += .tag(.ul, release.documents.map { document in
                        .tag(.li, .link(SiteURL.releaseDocument(.value(release.id), .value(document.reportID)), "\(document.title), \(document.period)"))
                    })
                }
                html += .tag(.section, [.class("release"), .id("release-\(release.id.uuidString)")], inner)
            }
            return html
        }
    }
}
