/// Horizontal bars, one per category; several series are stacked, with a legend. Values are
/// written at the end of each bar so the chart reads without the axis.
public struct BarChart: Sendable {
    public var data: ChartData
    public var width: Double = 640

    public init(data: ChartData, width: Double = 640) {
        self.data = data
        self.width = width
    }

    public func svg(id: String = "bar") -> String {
        let labelWidth = min(220, 20 + Double(data.categories.map(\.count).max() ?? 4) * 6.8)
        let barHeight = 20.0, gap = 6.0, top = data.series.count > 1 ? 52.0 : 34.0
        let height = top + Double(data.categories.count) * (barHeight + gap) + 44
        let plotWidth = width - labelWidth - 70
        let totals = data.categories.indices.map { i in data.series.reduce(0) { $0 + max(0, $1.values[safe: i].flatMap { $0 } ?? 0) } }
        let maximum = max(totals.max() ?? 0, 1)
        let step = SVG.tickStep(maximum)
        let axisMax = (maximum / step).rounded(.up) * step
        let scale = plotWidth / axisMax
        var svg = SVG.open(width: width, height: height, title: data.title, description: data.description, id: id)
        if data.series.count > 1 { svg += SVG.legend(data.series.map(\.name), x: labelWidth, y: 40) }
        var tick = 0.0
        while tick <= axisMax + step / 2 {
            let x = labelWidth + tick * scale
            svg += "<line x1=\"\(SVG.number(x))\" y1=\"\(SVG.number(top - 4))\" x2=\"\(SVG.number(x))\" y2=\"\(SVG.number(height - 40))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(SVG.number(x))\" y=\"\(SVG.number(height - 26))\" text-anchor=\"middle\" fill=\"#555\">\(SVG.short(tick))</text>"
            tick += step
        }
        for (i, category) in data.categories.enumerated() {
            let y = top + Double(i) * (barHeight + gap)
            svg += "<text x=\"\(SVG.number(labelWidth - 6))\" y=\"\(SVG.number(y + 14))\" text-anchor=\"end\">\(SVG.escape(category))</text>"
            var x = labelWidth
            for (s, series) in data.series.enumerated() {
                guard let value = series.values[safe: i].flatMap({ $0 }), value > 0 else { continue }
                let w = value * scale
                svg += "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(w))\" height=\"\(barHeight)\" fill=\"\(SVG.palette[s % SVG.palette.count])\">"
                    + "<title>\(SVG.escape(category))\(data.series.count > 1 ? ", " + SVG.escape(series.name) : ""): \(NumberText.grouped(value))</title></rect>"
                x += w
            }
            svg += "<text x=\"\(SVG.number(x + 4))\" y=\"\(SVG.number(y + 14))\" fill=\"#333\">\(NumberText.grouped(totals[i]))</text>"
        }
        svg += "<text x=\"\(SVG.number(labelWidth + plotWidth / 2))\" y=\"\(SVG.number(height - 8))\" text-anchor=\"middle\" fill=\"#333\">\(SVG.escape(data.valueLabel))</text>"
        return svg + "</svg>"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
