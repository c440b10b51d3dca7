import Foundation
import IMDMSCore
import IMDMSStorage

/// The latest releases: when new data became public, what it was, and each report as released.
struct ReleasesPage {
    var releases: [Release]
    var times: ReleaseTimeText

    func render(login: SessionRepository.Session?) -> Layout {
        Layout(title: T("Latest releases"), login: login) {
            var html = HTML.element("h1", T("Latest releases"))
                + "<p class=\"meta\">" + HTML.escape(T("Each time new statistics become public, the reports that use them are made and kept here as released."))
                + " " + HTML.escape(T("Follow them in a feed reader:")) + " <a id=\"feed\" href=\"\(SiteURL.releasesFeed.path)\">Atom feed</a>.</p>"
            if releases.isEmpty { html += HTML.element("p", T("Nothing has been released yet."), [("id", "no-releases")]) }
            for release in releases {
                var inner = HTML.element("h2", release.title) + HTML.element("p", T("Released %@", times.format(release.at)), [("class", "meta")])
                    + HTML.element("p", release.summary)
                if !release.documents.isEmpty {
                    inner += "<ul>" + release.documents.map { document in
                        "<li><a href=\"\(HTML.escape(SiteURL.releaseDocument(.value(release.id), .value(document.reportID)).path))\">"
                            + HTML.escape("\(document.title), \(document.period)") + "</a></li>"
                    }.joined() + "</ul>"
                }
                html += HTML.container("section", [("class", "release"), ("id", "release-\(release.id.uuidString)")], inner)
            }
            return html
        }
    }
}
