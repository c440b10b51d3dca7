import Foundation

/// Our figures beside a partner's, period by period (D70): the difference is ours − theirs, and
/// the relative difference is that as a percentage of theirs. A period where either side is
/// withheld or has no figure has no difference: a published difference would give away a
/// withheld value from the partner's published one.
public struct MirrorComparison: Sendable {
    public struct Row: Sendable, Hashable {
        public var label: String
        public var ours: PublishedFigure
        public var theirs: PublishedFigure

        public init(label: String, ours: PublishedFigure, theirs: PublishedFigure) {
            self.label = label
            self.ours = ours
            self.theirs = theirs
        }

        public var difference: Double? { ours.number.flatMap { o in theirs.number.map { o - $0 } } }
        /// The difference as a percentage of the partner's figure; nil when theirs is 0.
        public var relative: Double? { difference.flatMap { d in theirs.number.flatMap { $0 == 0 ? nil : d / $0 * 100 } } }
    }

    public var spec: MirrorSpec
    /// Each period compared, in order.
    public var rows: [Row]
    /// The whole of the report's period.
    public var total: Row
    public var words: Translations

    public init(spec: MirrorSpec, rows: [Row], total: Row, words: Translations = .english) {
        self.spec = spec
        self.rows = rows
        self.total = total
        self.words = words
    }

    /// The period with the largest gap either way, among those with a difference.
    public var largest: Row? {
        rows.filter { $0.difference != nil }.max { abs($0.difference!) < abs($1.difference!) }
    }

    public func table(title: String) -> ReportTable {
        func line(_ row: Row) -> [ReportTable.Cell] {
            [.text(row.label), Self.cell(row.ours), Self.cell(row.theirs), row.difference.map(ReportTable.Cell.count) ?? .empty,
             row.relative.map(ReportTable.Cell.number) ?? .empty]
        }
        let columns = [words.text("Period"), spec.ours.label, spec.theirs.label, words.text("Difference (ours − theirs)"),
                       words.text("Difference (% of theirs)")]
        var notes = [words.text("A difference is shown only where both figures are published.")]
        if (rows + [total]).contains(where: { $0.ours == .withheld || $0.theirs == .withheld }) {
            notes.append(words.text("x: withheld to protect confidentiality."))
        }
        return ReportTable(title: title, columns: columns, rows: rows.map(line) + [line(total)], notes: notes)
    }

    static func cell(_ figure: PublishedFigure) -> ReportTable.Cell {
        switch figure {
        case let .value(v): .count(v)
        case .withheld: .text(TableExport.withheldSymbol)
        case .none: .empty
        }
    }

    /// Both sides over the periods, as a line chart; `categories`: the periods' short names on the
    /// axis (`2022-01`, as the other time charts show them; twelve month names overlap).
    public func chart(title: String, valueLabel: String, categories: [String]) -> ChartData {
        ChartData(title: title, categories: categories,
                  series: [.init(name: spec.ours.label, values: rows.map(\.ours.number)), .init(name: spec.theirs.label, values: rows.map(\.theirs.number))],
                  valueLabel: valueLabel, categoryLabel: words.text("Period"))
    }

    /// What the narrative reads as `{{mirror.…}}`.
    public var context: TemplateValue {
        func shown(_ figure: PublishedFigure) -> String {
            switch figure {
            case let .value(v): NumberText.grouped(v)
            case .withheld: words.text("withheld")
            case .none: words.text("no figure")
            }
        }
        var fields: [String: TemplateValue] = [
            "partner": .text(spec.partner), "ours_label": .text(spec.ours.label), "theirs_label": .text(spec.theirs.label),
            "ours": .text(shown(total.ours)), "theirs": .text(shown(total.theirs)),
            "difference": .text(total.difference.map { (($0 > 0 ? "+" : "") + NumberText.grouped($0)) } ?? ""),
            "relative": .text(total.relative.map { NumberText.percent($0, signed: true) } ?? ""),
            "periods": .text(String(rows.filter { $0.difference != nil }.count)),
        ]
        let phrase: String
        if let difference = total.difference {
            let relative = total.relative.map { " (\(NumberText.percent(abs($0))))" } ?? ""
            phrase = difference == 0 ? words.text("Our figure and %@'s agree.", spec.partner)
                : words.text(difference > 0 ? "Our figure is %@ higher than %@'s." : "Our figure is %@ lower than %@'s.",
                             NumberText.grouped(abs(difference)) + relative, spec.partner)
        } else {
            phrase = words.text("Our figure and %@'s cannot be compared for the whole period.", spec.partner)
        }
        fields["difference_phrase"] = .text(phrase)
        if let largest {
            fields["largest_period"] = .text(largest.label)
            fields["largest_difference"] = .text((largest.difference! > 0 ? "+" : "") + NumberText.grouped(largest.difference!))
        } else {
            fields["largest_period"] = .text(words.text("no period"))
            fields["largest_difference"] = .text("")
        }
        return .context(fields)
    }
}
