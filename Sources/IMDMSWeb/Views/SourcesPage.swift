import IMDMSCore
import IMDMSStorage

/// The coverage check of a dataset with two sources: for each period both hold, the producer's
/// report and the traveller records by the first dimension (ports of entry), the difference, and
/// which is current; then the rules and the form for a new one.
struct SourcesPage {
    var structure: DataStructure
    var dimensionName: String
    var comparison: SourceComparison
    var rules: [SourceRule]
    var label: (String) -> String
    var csrf: String
    var message: String?

    static func number(_ value: Double?) -> String { value.map(NumberFormat.grouped) ?? "–" }

    /// Sorted periods as "2015-01 to 2025-12 (132 periods)", or the one period.
    static func span(_ periods: [String]) -> String {
        periods.count == 1 ? periods[0] : T("%@ to %@ (%@ periods)", periods.first ?? "", periods.last ?? "", String(periods.count))
    }

    func render(login: SessionRepository.Session) -> Layout {
        Layout(title: T("%@: sources", structure.name), login: login) {
            var html = Markup.tag(.h1, text: T("%@: the two sources", structure.name))
            html += .tag(.p, [.class("meta")], text: T("A producer's report and the statistics derived from traveller records are stored side by side and never added up: for each period both hold, one is current (the producer's report unless a rule below says otherwise)."))
            if let message { html += .tag(.p, [.class("message"), .id("message")], text: message) }
            html += .tag(.h2, text: T("Coverage check"))
            if comparison.lines.isEmpty {
                html += .tag(.p, [.id("no-overlap")], text: T("No period is held by both sources."))
            } else {
                let number = [Attribute.class("num")]
                let head = Markup.tag(.tr, .tag(.th, text: T("Period")), .tag(.th, text: dimensionName), .tag(.th, number, text: T("Reported")),
                                      .tag(.th, number, text: T("From records")), .tag(.th, number, text: T("Difference")), .tag(.th, text: T("Current")))
                let rows = comparison.lines.map { line in
                    Markup.tag(.tr, line.code == nil ? [.class("total")] : [],
                               .tag(.td, text: line.period), .tag(line.code == nil ? .th : .td, text: line.code.map(label) ?? T("Total")),
                               .tag(.td, number, text: Self.number(line.reported)), .tag(.td, number, text: Self.number(line.records)),
                               .tag(.td, number, text: Self.number(line.difference)), .tag(.td, text: line.current.rawValue))
                }
                html += .table([.class("data"), .id("coverage")], head: head, rows: rows)
            }
            for (name, periods) in [("Only reported", comparison.onlyReported), ("Only from records", comparison.onlyRecords)] where !periods.isEmpty {
                html += .tag(.p, [.class("meta")], text: "\(T(name)): " + Self.span(periods) + ".")
            }
            html += .tag(.h2, text: T("Rules"))
            html += rules.isEmpty ? .tag(.p, text: T("None: the producer's report is current wherever it exists."))
                : .tag(.ul, [.id("rules")], rules.map { .tag(.li, text: T("%@ to %@", $0.first.formatted, $0.last.map(\.formatted) ?? T("onwards")) + ": " + T($0.source.label)) })
            html += .postForm(SiteURL.dataset(.value(structure.id), .sources).path, csrf: csrf, [.id("new-rule")],
                              .tag(.label, .text(T("From")), .space, .tag(.input, [.name("first"), .placeholder("2022-11"), .required])), .space,
                              .tag(.label, .text(T("To")), .space, .tag(.input, [.name("last"), .placeholder("(\(T("onwards")))")])), .space,
                              .tag(.label, .text(T("Current source")), .space,
                                   .tag(.select, [.name("source")], StatisticSource.allCases.map { .option($0.rawValue, T($0.label), selected: false) })), .space,
                              .submit(T("Add the rule")))
            return html
        }
    }
}
