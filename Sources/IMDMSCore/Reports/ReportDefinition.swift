/// A report as data (a JSON file an administrator can edit without recompiling): for a chosen
/// period, sections of narrative, tables, charts and maps over the datasets. The narrative is a
/// logic-less template filled with the section's facts.
public struct ReportDefinition: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var description: String
    /// The frequency of the period the user picks (`Q`: a quarter).
    public var frequency: Frequency
    /// How many periods of that frequency the report covers from the chosen one (festive season:
    /// December and January = 2 months).
    public var span: Int?
    /// The month a default period falls in, when the report is seasonal (12: the latest December).
    public var defaultMonth: Int?
    public var sections: [Section]

    public struct Section: Codable, Sendable, Hashable {
        public var title: String
        public var dataset: String
        /// Shown only when the dataset has data for the period (daily crossings exist only where
        /// traveller records are taken in).
        public var optional: Bool?
        /// Mustache text: `{{arrivals.value}}`, `{{arrivals.change_phrase}}`, `{{top_post.name}}`, `{{period}}`.
        public var narrative: String?
        public var facts: [String: Fact]?
        public var tables: [TableSpec]?
        public var charts: [ChartSpec]?
        public var maps: [MapSpec]?
        /// Our figures beside a partner country's (`{{mirror.…}}` in the narrative).
        public var mirror: MirrorSpec?
    }

    /// A number the narrative quotes: the total over `filters` (with its change on a year
    /// earlier), the leading code of a dimension (`top`) with its share, or an indicator.
    public struct Fact: Codable, Sendable, Hashable {
        /// Shown as a key figure (the home dashboard) under this label.
        public var label: String?
        public var filters: [String: [String]]?
        public var top: String?
        public var indicator: String?
    }

    public struct TableSpec: Codable, Sendable, Hashable {
        public var title: String
        public var rows: String
        public var cols: String?
        public var filters: [String: [String]]?
        public var rowCodes: [String]?
        public var frequency: Frequency?
        /// Periods of the table's frequency back from the report's end (default: the report's span).
        public var periods: Int?
    }

    public enum ChartKind: String, Codable, Sendable, Hashable {
        case bar, stackedBar, line, pyramid
    }

    public struct ChartSpec: Codable, Sendable, Hashable {
        public var kind: ChartKind
        public var title: String
        /// Categories (bars, ages; `TIME_PERIOD` for a line).
        public var rows: String
        /// Series (stacks, lines, the two sexes of a pyramid).
        public var cols: String?
        public var filters: [String: [String]]?
        public var rowCodes: [String]?
        public var colCodes: [String]?
        public var frequency: Frequency?
        public var periods: Int?
        /// At most this many bars, the largest (the rest are left out and said so).
        public var limit: Int?
    }

    public enum MapKind: String, Codable, Sendable, Hashable {
        case districts, world
    }

    public struct MapSpec: Codable, Sendable, Hashable {
        public var kind: MapKind
        public var title: String
        public var dimension: String
        public var filters: [String: [String]]?
    }
}

/// An indicator defined as data: a formula over totals of one dataset with filters.
public struct IndicatorDefinition: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var dataset: String
    public var unit: String
    /// `difference`: a − b; `ratio`: a ÷ b × scale; `share`: a ÷ b × 100 (b: the whole).
    public var formula: Formula
    public var a: [String: [String]]
    public var b: [String: [String]]
    public var scale: Double?

    public enum Formula: String, Codable, Sendable, Hashable {
        case difference, ratio, share
    }

    /// The indicator from the totals `a` and `b`; nil when a part is missing or the divisor is 0.
    public func value(a: Double?, b: Double?) -> Double? {
        guard let a, let b else { return nil }
        switch formula {
        case .difference: return a - b
        case .ratio: return b == 0 ? nil : a / b * (scale ?? 1)
        case .share: return b == 0 ? nil : a / b * 100
        }
    }
}
