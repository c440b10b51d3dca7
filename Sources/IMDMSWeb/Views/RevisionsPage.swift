import Foundation
import IMDMSCore
import IMDMSStorage

/// A derived dataset's revision history (D50): for each period, the first estimate published, the
/// figure that stands now and the revision between them, split by direction (or measure), with
/// every estimate in between — provisional months revised as later traveller records arrive.
struct RevisionsPage {
    var structure: DataStructure
    var splitName: String
    var history: RevisionHistory
    var label: (String) -> String
    /// Periods shown although never revised: the most recent ones.
    static let recentPeriods = 13

    static func day(_ date: Date) -> String { String(ISO8601DateFormatter().string(from: date).prefix(10)) }

    func render(login: SessionRepository.Session) -> Layout {
        Layout(title: T("%@: revisions", structure.name), login: login) {
            var html = HTML.element("h1", T("%@: revisions", structure.name))
            html += HTML.element("p", T("Derived from traveller records. A month stays provisional while the outcome of some crossing in it is still open (the 16 months after it reach past the data); later extracts revise it. Each revision stores only the periods that changed; the estimates it replaced are kept here."), [("class", "meta")])
            let revised = history.revised
            let shown = Array(Set(revised.map(\.period) + history.periods.prefix(Self.recentPeriods).map(\.period))).sorted(by: >)
            let byPeriod = Dictionary(history.periods.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
            html += HTML.element("p", T("%@ of %@ periods revised since their first estimate.", String(revised.count), String(history.periods.count)), [("id", "revised-count")])
            guard !shown.isEmpty else { return html + HTML.element("p", T("Nothing derived yet."), [("id", "no-revisions")]) }
            let codes = history.codes
            let head = "<tr><th rowspan=\"2\">\(HTML.escape(T("Period")))</th><th rowspan=\"2\">\(HTML.escape(T("Now")))</th>"
                + codes.map { "<th colspan=\"3\">\(HTML.escape(label($0)))</th>" }.joined() + "<th rowspan=\"2\">\(HTML.escape(T("Estimates, oldest first")))</th></tr><tr>"
                + codes.map { _ in "<th>\(HTML.escape(T("First estimate")))</th><th>\(HTML.escape(T("Now")))</th><th>\(HTML.escape(T("Revision")))</th>" }.joined() + "</tr>"
            html += "<table class=\"data\" id=\"revisions\"><thead>\(head)</thead><tbody>"
            for period in shown.compactMap({ byPeriod[$0] }) {
                var cells = HTML.element("th", period.period, [("scope", "row")]) + HTML.element("td", T(period.provisional ? "provisional" : "final"), [("class", "text")])
                for code in codes {
                    let change = period.revision(code)
                    cells += HTML.element("td", NumberFormat.grouped(period.first.values[code] ?? 0))
                        + HTML.element("td", NumberFormat.grouped(period.latest.values[code] ?? 0))
                        + HTML.element("td", (change > 0 ? "+" : "") + NumberFormat.grouped(change))
                }
                let steps = period.estimates.map { estimate in
                    "\(Self.day(estimate.revision.storedAt)) (\(T(estimate.provisional ? "provisional" : "final")), \(estimate.revision.status.rawValue)): "
                        + codes.map { NumberFormat.grouped(estimate.values[$0] ?? 0) }.joined(separator: " / ")
                }
                cells += HTML.element("td", steps.joined(separator: " → "), [("class", "text")])
                html += HTML.container("tr", period.estimates.count > 1 ? [("class", "revised")] : [], cells)
            }
            html += "</tbody></table>"
            html += HTML.element("p", T("Split by %@:", splitName) + " " + codes.map(label).joined(separator: " / ") + ".", [("class", "meta")])
            return html
        }
    }
}
