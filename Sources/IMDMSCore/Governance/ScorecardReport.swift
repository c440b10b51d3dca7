import Foundation

/// The migration governance scorecard as a report document — rendered like every other report
/// (web page, XLSX, CSV, PDF): the overall score and its change between two assessments, the
/// domain scores side by side with a radar chart, the SDG 10.7.2 domain values and bands, and the
/// indicators that improved or regressed.
public struct ScorecardReport: Sendable {
    public struct Entry: Sendable {
        public var year: Int
        public var status: String
        public var answers: [String: String]
        public var score: AssessmentScore
        public init(year: Int, status: String, answers: [String: String], score: AssessmentScore) {
            self.year = year
            self.status = status
            self.answers = answers
            self.score = score
        }
    }

    public static let id = "mgi-scorecard"

    public var framework: AssessmentFramework
    public var later: Entry
    public var earlier: Entry?
    public var countryName: String

    public init(framework: AssessmentFramework, later: Entry, earlier: Entry?, countryName: String) {
        self.framework = framework
        self.later = later
        self.earlier = earlier
        self.countryName = countryName
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value) }
    static func points(_ value: Double) -> String { (value >= 0 ? "+" : "−") + String(format: "%.1f", abs(value)) + " points" }

    /// The report's own titles, looked up in a translation file's `reports` part.
    public static let titles: Set<String> = ["Migration governance scorecard", "Overall score", "Domain scores", "SDG indicator 10.7.2",
                                             "Indicators that improved", "Indicators that regressed"]

    /// The report in `translations`' language: titles and the overall narrative translated (the
    /// framework's own texts, domain names and questions, stay as the framework gives them).
    public func document(generatedAt: Date = Date(), translations: Translations = .english) -> ReportDocument {
        let t = translations
        let definition = ReportDefinition(
            id: Self.id, title: t.reportText("Migration governance scorecard"),
            description: "\(framework.title) (version \(framework.version)): scores by domain of the Migration Governance Framework and the SDG indicator 10.7.2 view."
                + (framework.illustrative ? " Illustrative indicator set: not IOM's questionnaire." : ""),
            frequency: .annual, span: nil, defaultMonth: nil, sections: [])
        let comparison = earlier.map {
            AssessmentComparison(framework: framework, earlier: $0.score, earlierAnswers: $0.answers, later: later.score, laterAnswers: later.answers)
        }
        let source = "Source: migration governance assessments (\(framework.title), version \(framework.version)), National Consultative Committee on Migration."
            + (later.status == "approved" || later.status == "published" ? "" : " The \(later.year) assessment is not approved yet (\(later.status)).")
        var sections: [ReportDocument.Section] = []

        var narrative = t.text("In %@ %@'s overall migration governance score was %@", String(later.year), countryName, Self.percent(later.score.overall))
        if let earlier, let comparison {
            narrative += t.text(comparison.overallChange >= 0 ? ", up %@ points from %@ in %@" : ", down %@ points from %@ in %@",
                                String(format: "%.1f", abs(comparison.overallChange)), Self.percent(earlier.score.overall), String(earlier.year))
        }
        narrative += "."
        if let best = later.score.domains.max(by: { $0.score < $1.score }), let worst = later.score.domains.min(by: { $0.score < $1.score }) {
            narrative += " " + t.text("The strongest domain was %@ (%@), the weakest %@ (%@).", best.name, Self.percent(best.score), worst.name, Self.percent(worst.score))
        }
        var overall = ReportDocument.Section(title: t.reportText("Overall score"), narrative: narrative, tables: [], figures: [], source: source)
        overall.keyFigures = [.init(label: "Overall score \(later.year)", value: Self.percent(later.score.overall),
                                    change: comparison.map { Self.points($0.overallChange) } ?? "")]
        overall.plainTables = [ReportTable(title: "Overall score (percent)", columns: ["Assessment", "Overall score"],
                                           rows: ([earlier].compactMap { $0 } + [later]).map { [.text(String($0.year)), .number($0.score.overall)] },
                                           notes: ["The overall score is the mean of the six domain scores; a domain score is the weighted mean of its indicators' answer scores (0 absent … 1 complete) × 100."])]
        sections.append(overall)

        let years = ([earlier].compactMap { $0 } + [later])
        var columns = ["Domain"] + years.map { String($0.year) }
        if earlier != nil { columns.append("Change (points)") }
        let domainRows: [[ReportTable.Cell]] = later.score.domains.map { domain in
            var row: [ReportTable.Cell] = [.text(domain.name)]
            for entry in years { row.append(entry.score.domain(domain.code).map { .number($0.score) } ?? .empty) }
            if earlier != nil { row.append(comparison?.domainChange(domain.code).map { .number($0) } ?? .empty) }
            return row
        }
        let radar = RadarChart(title: "Domain scores (percent)", axes: later.score.domains.map(\.name),
                               series: years.map { entry in (String(entry.year), later.score.domains.map { entry.score.domain($0.code)?.score ?? 0 }) })
        var domains = ReportDocument.Section(title: t.reportText("Domain scores"), narrative: domainNarrative(comparison), tables: [], figures: [radar.svg(id: "mgi-radar")], source: source)
        domains.plainTables = [ReportTable(title: "Scores by domain (percent)", columns: columns, rows: domainRows)]
        sections.append(domains)

        var sdg = ReportDocument.Section(
            title: t.reportText("SDG indicator 10.7.2"),
            narrative: "Per domain, the sum of the sub-category scores divided by their number × 100, in the four bands of SDG indicator 10.7.2. "
                + "In \(later.year): " + SDGBand.allCases.reversed().compactMap { band in
                    let count = later.score.domains.filter { $0.band == band }.count
                    return count == 0 ? nil : "\(count) domain\(count == 1 ? "" : "s") \(band.label.lowercased())"
                }.joined(separator: ", ") + ".",
            tables: [], figures: [], source: source)
        var sdgColumns = ["Domain"]
        for entry in years { sdgColumns += ["\(entry.year) value", "\(entry.year) band"] }
        sdg.plainTables = [ReportTable(title: "SDG 10.7.2 domain values (percent) and bands", columns: sdgColumns, rows: later.score.domains.map { domain in
            var row: [ReportTable.Cell] = [.text(domain.name)]
            for entry in years {
                if let d = entry.score.domain(domain.code) { row += [.number(d.sdgValue), .text(d.band.label)] } else { row += [.empty, .empty] }
            }
            return row
        }, notes: ["Bands: requires further progress (under 40), partially meets (40 to under 80), meets (80 to under 100), fully meets (100)."])]
        sections.append(sdg)

        if let comparison, let earlier {
            for (title, changes) in [("Indicators that improved", comparison.improved), ("Indicators that regressed", comparison.regressed)] {
                var section = ReportDocument.Section(
                    title: t.reportText(title), narrative: changes.isEmpty ? "None between \(earlier.year) and \(later.year)." :
                        "\(changes.count) indicator\(changes.count == 1 ? "" : "s") between \(earlier.year) and \(later.year).",
                    tables: [], figures: [], source: source)
                if !changes.isEmpty {
                    section.plainTables = [ReportTable(title: title, columns: ["Indicator", "Domain", "Question", String(earlier.year), String(later.year)],
                                                       rows: changes.map { [.text($0.indicator.code), .text($0.domainName), .text($0.indicator.question),
                                                                            .text($0.earlierOption), .text($0.laterOption)] })]
                }
                sections.append(section)
            }
        }
        return ReportDocument(definition: definition, periodLabel: earlier.map { "\($0.year) and \(later.year)" } ?? String(later.year),
                              sections: sections, generatedAt: generatedAt, isSynthetic: false, countryName: countryName)
    }

    private func domainNarrative(_ comparison: AssessmentComparison?) -> String {
        guard let comparison, let earlier else { return "Scores of the \(later.year) assessment by domain." }
        let changes = later.score.domains.compactMap { d in comparison.domainChange(d.code).map { (d.name, $0) } }
        guard let up = changes.max(by: { $0.1 < $1.1 }) else { return "" }
        var text = "Between \(earlier.year) and \(later.year) \(up.0) changed most (\(Self.points(up.1)))"
        let falls = changes.filter { $0.1 < 0 }
        text += falls.isEmpty ? "; no domain fell." : "; \(falls.count) domain\(falls.count == 1 ? "" : "s") fell."
        return text
    }
}
