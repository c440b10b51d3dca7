/// A time series: periods along the bottom, one line per series with a legend.
public struct LineChart: Sendable {
    public var data: ChartData
    public var width: Double = 640
    public var height: Double = 300

    public init(data: ChartData, width: Double = 640, height: Double = 300) {
        self.data = data
        self.width = width
        self.height = height
    }

    public func svg(id: String = "line") -> String {
        let left = 64.0, right = 36.0, top = data.series.count > 1 ? 52.0 : 34.0, bottom = 56.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let values = data.series.flatMap { $0.values.compactMap { $0 } }
        let maximum = max(values.max() ?? 0, 1)
        let step = SVG.tickStep(maximum)
        let axisMax = (maximum / step).rounded(.up) * step
        let n = max(data.categories.count - 1, 1)
        func x(_ i: Int) -> Double { left + plotWidth * Double(i) / Double(n) }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - v / axisMax) }
        var svg = SVG.open(width: width, height: height, title: data.title, description: data.description, id: id)
        if data.series.count > 1 { svg += SVG.legend(data.series.map(\.name), x: left, y: 40) }
        var tick = 0.0
        while tick <= axisMax + step / 2 {
            svg += "<line x1=\"\(left)\" y1=\"\(SVG.number(y(tick)))\" x2=\"\(SVG.number(width - right))\" y2=\"\(SVG.number(y(tick)))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(SVG.number(y(tick) + 4))\" text-anchor=\"end\" fill=\"#555\">\(SVG.short(tick))</text>"
            tick += step
        }
        // As many labels as fit side by side (about 7 px a character): every other month of a year.
        let labelWidth = Double(data.categories.map(\.count).max() ?? 1) * 7 + 10
        let fit = max(1, Int(plotWidth / labelWidth))
        let every = max(1, Int((Double(data.categories.count) / Double(fit)).rounded(.up)))
        for (i, category) in data.categories.enumerated() where i % every == 0 {
            svg += "<text x=\"\(SVG.number(x(i)))\" y=\"\(SVG.number(height - bottom + 16))\" text-anchor=\"middle\" fill=\"#555\">\(SVG.escape(category))</text>"
        }
        for (s, series) in data.series.enumerated() {
            let colour = SVG.palette[s % SVG.palette.count]
            var path = ""
            for (i, value) in series.values.enumerated() {
                guard let value else { continue }
                path += (path.isEmpty ? "M" : "L") + "\(SVG.number(x(i))),\(SVG.number(y(value)))"
                svg += "<circle cx=\"\(SVG.number(x(i)))\" cy=\"\(SVG.number(y(value)))\" r=\"3\" fill=\"\(colour)\"><title>\(SVG.escape(series.name)) \(SVG.escape(data.categories[i])): \(NumberText.grouped(value))</title></circle>"
            }
            if !path.isEmpty { svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>" }
        }
        svg += "<text x=\"14\" y=\"\(SVG.number(top + plotHeight / 2))\" transform=\"rotate(-90 14 \(SVG.number(top + plotHeight / 2)))\" text-anchor=\"middle\" fill=\"#333\">\(SVG.escape(data.valueLabel))</text>"
        svg += "<text x=\"\(SVG.number(left + plotWidth / 2))\" y=\"\(SVG.number(height - 10))\" text-anchor=\"middle\" fill=\"#333\">\(SVG.escape(data.categoryLabel))</text>"
        return svg + "</svg>"
    }
}
