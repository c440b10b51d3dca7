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
            var html = HTML.element("h1", T("%@: the two sources", structure.name))
            html += HTML.element("p", T("A producer's report and the statistics derived from traveller records are stored side by side and never added up: for each period both hold, one is current (the producer's report unless a rule below says otherwise)."), [("class", "meta")])
            if let message { html += HTML.element("p", message, [("class", "message"), ("id", "message")]) }
            html += HTML.element("h2", T("Coverage check"))
            if comparison.lines.isEmpty {
                html += HTML.element("p", T("No period is held by both sources."), [("id", "no-overlap")])
            } else {
                html += "<table class=\"data\" id=\"coverage\"><thead><tr><th>\(HTML.escape(T("Period")))</th><th>\(HTML.escape(dimensionName))</th>"
                    + "<th class=\"num\">\(HTML.escape(T("Reported")))</th><th class=\"num\">\(HTML.escape(T("From records")))</th><th class=\"num\">\(HTML.escape(T("Difference")))</th><th>\(HTML.escape(T("Current")))</th></tr></thead><tbody>"
                for line in comparison.lines {
                    let name = line.code.map(label) ?? T("Total")
                    let cells = [HTML.element("td", line.period), HTML.element(line.code == nil ? "th" : "td", name),
                                 HTML.element("td", Self.number(line.reported), [("class", "num")]),
                                 HTML.element("td", Self.number(line.records), [("class", "num")]),
                                 HTML.element("td", Self.number(line.difference), [("class", "num")]),
                                 HTML.element("td", line.current.rawValue)]
                    html += HTML.container("tr", line.code == nil ? [("class", "total")] : [], cells.joined())
                }
                html += "</tbody></table>"
            }
            for (name, periods) in [("Only reported", comparison.onlyReported), ("Only from records", comparison.onlyRecords)] where !periods.isEmpty {
                html += HTML.element("p", "\(T(name)): " + Self.span(periods) + ".", [("class", "meta")])
            }
            html += HTML.element("h2", T("Rules"))
            html += rules.isEmpty ? HTML.element("p", T("None: the producer's report is current wherever it exists."))
                : "<ul id=\"rules\">" + rules.map { HTML.element("li", T("%@ to %@", $0.first.formatted, $0.last.map(\.formatted) ?? T("onwards")) + ": " + T($0.source.label)) }.joined() + "</ul>"
            html += "<form method=\"post\" action=\"\(HTML.escape(SiteURL.dataset(.value(structure.id), .sources).path))\" id=\"new-rule\">"
                + "\(HTML.csrfField(csrf))"
                + "<label>\(HTML.escape(T("From"))) <input name=\"first\" placeholder=\"2022-11\" required></label> "
                + "<label>\(HTML.escape(T("To"))) <input name=\"last\" placeholder=\"(\(HTML.escape(T("onwards"))))\"></label> "
                + "<label>\(HTML.escape(T("Current source"))) <select name=\"source\">"
                + StatisticSource.allCases.map { HTML.option($0.rawValue, T($0.label), selected: false) }.joined() + "</select></label> "
                + "<button type=\"submit\">\(HTML.escape(T("Add the rule")))</button></form>"
            return html
        }
    }
}
