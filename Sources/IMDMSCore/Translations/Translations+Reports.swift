/// Reports in another language: every text of a report definition (title, description, section
/// titles, narratives, table, chart and map titles, key-figure labels) looked up in the file's
/// `reports` part by its English. A translated narrative is a template like the English one and
/// must read the same facts, which the start-up check verifies.
extension Translations {
    /// The definition with its texts in this language (English where not translated).
    public func report(_ definition: ReportDefinition) -> ReportDefinition {
        guard !reports.isEmpty else { return definition }
        var shown = definition
        shown.title = reportText(definition.title)
        shown.description = reportText(definition.description)
        for index in shown.sections.indices {
            var section = shown.sections[index]
            section.title = reportText(section.title)
            section.narrative = section.narrative.map(reportText)
            section.facts = section.facts?.mapValues { fact in
                var copy = fact
                copy.label = fact.label.map(reportText)
                return copy
            }
            section.tables = section.tables?.map { var copy = $0; copy.title = reportText($0.title); return copy }
            section.charts = section.charts?.map { var copy = $0; copy.title = reportText($0.title); return copy }
            section.maps = section.maps?.map { var copy = $0; copy.title = reportText($0.title); return copy }
            shown.sections[index] = section
        }
        return shown
    }

    /// What in the `reports` part names no text of the library (or of `extra`, texts made in
    /// code such as the scorecard's), and translated narratives that are not valid templates or do
    /// not read the same facts as their English; each named. Empty when all is well.
    public func problems(reports library: ReportLibrary, extra: Set<String> = []) -> [String] {
        var known = extra
        var narratives: [String: MustacheTemplate] = [:]
        for report in library.reports + [library.dashboard] {
            known.formUnion([report.title, report.description])
            for section in report.sections {
                known.insert(section.title)
                if let narrative = section.narrative {
                    known.insert(narrative)
                    narratives[narrative] = try? MustacheTemplate(narrative)
                }
                known.formUnion((section.facts ?? [:]).values.compactMap(\.label))
                known.formUnion((section.tables ?? []).map(\.title) + (section.charts ?? []).map(\.title) + (section.maps ?? []).map(\.title))
            }
        }
        var problems: [String] = []
        for (english, translated) in reports.sorted(by: { $0.key < $1.key }) {
            guard known.contains(english) else { problems.append("reports: no report has the text ‘\(english.prefix(60))’"); continue }
            guard let original = narratives[english] else { continue }
            do {
                let template = try MustacheTemplate(translated, name: "translation of ‘\(english.prefix(40))…’")
                if template.names != original.names {
                    let missing = original.names.subtracting(template.names).sorted(), extra = template.names.subtracting(original.names).sorted()
                    problems.append("reports: the translation of ‘\(english.prefix(40))…’ reads different facts (missing: \(missing.joined(separator: ", ")); unknown: \(extra.joined(separator: ", ")))")
                }
            } catch {
                problems.append("reports: \(error.description)")
            }
        }
        return problems
    }
}
