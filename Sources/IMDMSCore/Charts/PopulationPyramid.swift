/// Age groups up the middle (youngest at the bottom), men to the left and women to the right.
/// `data.series` is [male, female]; categories are the age groups, youngest first.
public struct PopulationPyramid: Sendable {
    public var data: ChartData
    public var width: Double = 640

    public init(data: ChartData, width: Double = 640) {
        self.data = data
        self.width = width
    }

    public func svg(id: String = "pyramid") -> String {
        let barHeight = 18.0, gap = 4.0, top = 52.0, labelWidth = 90.0
        let height = top + Double(data.categories.count) * (barHeight + gap) + 40
        let half = (width - labelWidth - 40) / 2
        let values = data.series.flatMap { $0.values.compactMap { $0 } }
        let maximum = max(values.max() ?? 0, 1)
        let centre = 20 + half + labelWidth / 2
        let scale = (half - 40) / maximum
        var svg = SVG.open(width: width, height: height, title: data.title, description: data.description, id: id)
        svg += SVG.legend(data.series.map(\.name), x: 20, y: 40)
        for (i, category) in data.categories.enumerated() {
            let y = top + Double(data.categories.count - 1 - i) * (barHeight + gap)
            svg += "<text x=\"\(SVG.number(centre))\" y=\"\(SVG.number(y + 13))\" text-anchor=\"middle\">\(SVG.escape(category))</text>"
            for (s, series) in data.series.prefix(2).enumerated() {
                guard let value = series.values[safe: i].flatMap({ $0 }), value > 0 else { continue }
                let w = value * scale
                let x = s == 0 ? centre - labelWidth / 2 - w : centre + labelWidth / 2
                svg += "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(w))\" height=\"\(barHeight)\" fill=\"\(SVG.palette[s])\">"
                    + "<title>\(SVG.escape(series.name)), \(SVG.escape(category)): \(NumberText.grouped(value))</title></rect>"
                let tx = s == 0 ? x - 4 : x + w + 4
                svg += "<text x=\"\(SVG.number(tx))\" y=\"\(SVG.number(y + 13))\" text-anchor=\"\(s == 0 ? "end" : "start")\" fill=\"#333\">\(NumberText.grouped(value))</text>"
            }
        }
        svg += "<text x=\"\(SVG.number(centre))\" y=\"\(SVG.number(height - 10))\" text-anchor=\"middle\" fill=\"#333\">\(SVG.escape(data.valueLabel))</text>"
        return svg + "</svg>"
    }
}
