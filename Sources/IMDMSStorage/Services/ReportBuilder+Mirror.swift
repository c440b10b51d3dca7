import IMDMSCore

extension ReportBuilder {
    /// Both sides of a mirror section (D70), each period's total read through `TableReader` like
    /// every other figure of a report, so each side shows what the table builder would show the
    /// same reader: a withheld total stays withheld and has no difference.
    /// With the periods' codes, for the chart's axis.
    func mirror(_ spec: MirrorSpec, dataset: String, start: Period, end: Period) async throws -> (MirrorComparison, periods: [String]) {
        let frequency = spec.frequency ?? start.frequency
        let periods = Self.periods(from: start, through: end, at: frequency)
        func side(_ side: MirrorSpec.Side) async throws -> (periods: [String: PublishedFigure], total: PublishedFigure) {
            let id = side.dataset ?? dataset
            let byPeriod = try await table(id, rows: TableRequest.timeDimension, filters: side.filters, start: start, end: end, frequency: frequency)
            let whole = try await table(id, rows: reference.structure(id)?.dimensions.first?.id ?? TableRequest.timeDimension,
                                        filters: side.filters, start: start, end: end)
            var figures: [String: PublishedFigure] = [:]
            for period in periods { figures[period.formatted] = PublishedFigure(byPeriod.rowTotals[period.formatted]) }
            return (figures, PublishedFigure(whole.grand))
        }
        let (ours, theirs) = (try await side(spec.ours), try await side(spec.theirs))
        let rows = periods.map {
            MirrorComparison.Row(label: $0.label(monthNames: translations.monthNames), ours: ours.periods[$0.formatted] ?? .none, theirs: theirs.periods[$0.formatted] ?? .none)
        }
        let total = MirrorComparison.Row(label: translations.text("Total"), ours: ours.total, theirs: theirs.total)
        return (MirrorComparison(spec: spec, rows: rows, total: total, words: translations), periods.map(\.formatted))
    }

    /// Every period of `frequency` from the start of `first` through the end of `last` (the months
    /// of a year); the report's own periods when the frequency is not finer.
    static func periods(from first: Period, through last: Period, at frequency: Frequency) -> [Period] {
        guard frequency > first.frequency else { return first.through(last) }
        let begin: Period?, finish: Period?
        switch frequency {
        case .monthly: (begin, finish) = (try? .month(first.year, first.firstMonth), try? .month(last.year, last.lastMonth))
        case .quarterly: (begin, finish) = (try? .quarter(first.year, (first.firstMonth - 1) / 3 + 1), try? .quarter(last.year, (last.lastMonth - 1) / 3 + 1))
        case .annual, .daily: (begin, finish) = (nil, nil)
        }
        guard let begin, let finish else { return first.through(last) }
        return begin.through(finish)
    }
}
