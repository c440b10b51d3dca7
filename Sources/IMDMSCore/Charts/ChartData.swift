/// What a chart shows: categories (bars, periods, age groups), one or more series of values, the
/// axis labels and a text alternative for readers who cannot see the drawing.
public struct ChartData: Sendable, Hashable {
    public struct Series: Sendable, Hashable {
        public var name: String
        public var values: [Double?]
        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var categories: [String]
    public var series: [Series]
    public var valueLabel: String
    public var categoryLabel: String

    public init(title: String, categories: [String], series: [Series], valueLabel: String, categoryLabel: String) {
        self.title = title
        self.categories = categories
        self.series = series
        self.valueLabel = valueLabel
        self.categoryLabel = categoryLabel
    }

    /// The text alternative: what the chart says, in words, with its largest values.
    public var description: String {
        var parts: [String] = []
        for series in self.series {
            let pairs = zip(categories, series.values).compactMap { c, v in v.map { (c, $0) } }
            guard let top = pairs.max(by: { $0.1 < $1.1 }) else { continue }
            let prefix = self.series.count > 1 ? "\(series.name): " : ""
            parts.append("\(prefix)highest \(top.0) (\(NumberText.grouped(top.1)))")
        }
        return "\(title). \(valueLabel) by \(categoryLabel.lowercased()), \(categories.count) categories" + (parts.isEmpty ? "." : "; " + parts.joined(separator: "; ") + ".")
    }
}
