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
            var html = Markup.tag(.h1, text: T("%@: revisions", structure.name))
            html += .tag(.p, [.class("meta")], text: T("Derived from traveller records. A month stays provisional while later records could still change the outcome of some crossing in it (the 16 months after it reach past the data); later extracts revise it. Each revision stores only the periods that changed; the estimates it replaced are kept here."))
            let revised = history.revised
            let shown = Array(Set(revised.map(\.period) + history.periods.prefix(Self.recentPeriods).map(\.period))).sorted(by: >)
            let byPeriod = Dictionary(history.periods.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
            html += .tag(.p, [.id("revised-count")], text: T("%@ of %@ periods revised since their first estimate.", String(revised.count), String(history.periods.count)))
            guard !shown.isEmpty else { return html + .tag(.p, [.id("no-revisions")], text: T("Nothing derived yet.")) }
            let codes = history.codes
            let head = Markup.tag(.tr, [.tag(.th, [.rowspan(2)], text: T("Period")), .tag(.th, [.rowspan(2)], text: T("Now"))]
                                      + codes.map { .tag(.th, [.colspan(3)], text: label($0)) } + [.tag(.th, [.rowspan(2)], text: T("Estimates, oldest first"))])
                + .row(codes.flatMap { _ in [T("First estimate"), T("Now"), T("Revision")] }, tag: .th)
            let text = [Attribute.class("text")]
            let rows = shown.compactMap { byPeriod[$0] }.map { period -> Markup in
                var cells = [Markup.tag(.th, [.scope("row")], text: period.period), .tag(.td, text, text: T(period.provisional ? "provisional" : "final"))]
                for code in codes {
                    let change = period.revision(code)
                    cells += [.tag(.td, text: NumberFormat.grouped(period.first.values[code] ?? 0)), .tag(.td, text: NumberFormat.grouped(period.latest.values[code] ?? 0)),
                              .tag(.td, text: (change > 0 ? "+" : "") + NumberFormat.grouped(change))]
                }
                let steps = period.estimates.map { estimate in
                    "\(Self.day(estimate.revision.storedAt)) (\(T(estimate.provisional ? "provisional" : "final")), \(estimate.revision.status.rawValue)): "
                        + codes.map { NumberFormat.grouped(estimate.values[$0] ?? 0) }.joined(separator: " / ")
                }
                cells.append(.tag(.td, text, text: steps.joined(separator: " → ")))
                return .tag(.tr, period.estimates.count > 1 ? [.class("revised")] : [], cells)
            }
            html += .table([.class("data"), .id("revisions")], head: head, rows: rows)
            html += .tag(.p, [.class("meta")], text: T("Split by %@:", splitName) + " " + codes.map(label).joined(separator: " / ") + ".")
            return html
        }
    }
}
