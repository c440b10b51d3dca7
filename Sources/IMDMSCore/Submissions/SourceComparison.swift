/// The coverage check: a dataset's values from the producer's report and from traveller records,
/// side by side for every period both hold, by one dimension (ports of entry for BORDER_CROSSINGS),
/// with the difference and the source that is current for the period (D47).
public struct SourceComparison: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public var period: String
        /// A code of the dimension, or nil for the period's total.
        public var code: String?
        public var reported: Double?
        public var records: Double?
        public var current: StatisticSource

        /// Records minus reported, when both are there.
        public var difference: Double? {
            guard let reported, let records else { return nil }
            return records - reported
        }
    }

    public var dimensionID: String
    public var lines: [Line]
    /// Periods that only one source holds (nothing to compare there).
    public var onlyReported: [String]
    public var onlyRecords: [String]

    /// `reported` and `records`: the same request (rows: the dimension, columns: the period) for
    /// each source alone.
    public init(dimensionID: String, reported: TableResult, records: TableResult, rules: [SourceRule]) {
        self.dimensionID = dimensionID
        let reportedPeriods = Set(reported.columns.map(\.code)).subtracting([TableResult.totalColumn])
        let recordsPeriods = Set(records.columns.map(\.code)).subtracting([TableResult.totalColumn])
        onlyReported = reportedPeriods.subtracting(recordsPeriods).sorted()
        onlyRecords = recordsPeriods.subtracting(reportedPeriods).sorted()
        var codes: [String] = []
        for item in reported.rows + records.rows where !codes.contains(item.code) { codes.append(item.code) }
        var lines: [Line] = []
        for period in reportedPeriods.intersection(recordsPeriods).sorted() {
            let current = (try? Period(parsing: period)).map { SourceRule.current(for: $0, rules: rules) } ?? .reported
            lines.append(Line(period: period, code: nil, reported: reported.columnTotal(period), records: records.columnTotal(period), current: current))
            for code in codes {
                let a = reported.value(row: code, column: period), b = records.value(row: code, column: period)
                if a != nil || b != nil { lines.append(Line(period: period, code: code, reported: a, records: b, current: current)) }
            }
        }
        self.lines = lines
    }
}
