import Foundation

/// A report made for one period: what every format (web page, XLSX, CSV, PDF) renders.
public struct ReportDocument: Sendable {
    public struct Section: Sendable {
        public var title: String
        public var narrative: String
        public var tables: [TableExport]
        /// Server-drawn SVG: charts, then maps.
        public var figures: [String]
        public var source: String
        /// Facts with a label: value and change on a year earlier, for the dashboard's cards.
        public var keyFigures: [KeyFigure] = []
        /// Tables of labels and numbers that are not cross-tabulations (a scorecard's).
        public var plainTables: [ReportTable] = []

        public init(title: String, narrative: String, tables: [TableExport], figures: [String], source: String) {
            self.title = title
            self.narrative = narrative
            self.tables = tables
            self.figures = figures
            self.source = source
        }
    }

    public struct KeyFigure: Sendable, Hashable {
        public var label: String
        public var value: String
        /// `+12%`, or empty when there is nothing to compare with.
        public var change: String
        public init(label: String, value: String, change: String) {
            self.label = label
            self.value = value
            self.change = change
        }
    }

    public var definition: ReportDefinition
    public var periodLabel: String
    public var sections: [Section]
    public var generatedAt: Date
    /// The data includes synthetic demo submissions.
    public var isSynthetic: Bool
    public var countryName: String

    public init(definition: ReportDefinition, periodLabel: String, sections: [Section], generatedAt: Date, isSynthetic: Bool, countryName: String) {
        self.definition = definition
        self.periodLabel = periodLabel
        self.sections = sections
        self.generatedAt = generatedAt
        self.isSynthetic = isSynthetic
        self.countryName = countryName
    }
}
