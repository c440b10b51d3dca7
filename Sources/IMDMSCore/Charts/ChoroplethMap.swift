import Foundation

/// A choropleth: each area shaded by its value in five classes (quantiles of the values shown),
/// areas without data in grey, a legend, the boundaries' credit, and each area's name and value
/// as a tooltip and in the text alternative.
public struct ChoroplethMap: Sendable {
    public var shapes: GeoShapes
    public var values: [String: Double]
    public var title: String
    public var valueLabel: String
    public var width: Double = 640
    public var height: Double = 420

    static let classes = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
    static let noData = "#eeeeee"

    public init(shapes: GeoShapes, values: [String: Double], title: String, valueLabel: String, width: Double = 640, height: Double = 420) {
        self.shapes = shapes
        self.values = values
        self.title = title
        self.valueLabel = valueLabel
        self.width = width
        self.height = height
    }

    /// The values of the areas on the map (a code with no area, such as an aggregate, is not shown).
    var shownValues: [Double] { shapes.shapes.compactMap { values[$0.code] }.filter(\.isFinite) }

    /// Upper bounds of the classes: quantiles of the values shown, rising, each once (values that
    /// are few or equal give fewer classes, never two classes with the same bounds).
    var breaks: [Double] {
        let sorted = shownValues.sorted()
        guard !sorted.isEmpty else { return [] }
        let n = Double(sorted.count), k = Double(Self.classes.count)
        var breaks: [Double] = []
        for index in 1...Self.classes.count {
            let rank = Int((Double(index) / k * n).rounded(.up)) - 1
            let upper = sorted[min(sorted.count - 1, max(0, rank))]
            if upper != breaks.last { breaks.append(upper) }
        }
        return breaks
    }

    public var description: String {
        let named = shapes.shapes.compactMap { shape in values[shape.code].map { (shape.name, $0) } }.sorted { $0.1 > $1.1 }
        let top = named.prefix(5).map { "\($0.0) \(NumberText.grouped($0.1))" }.joined(separator: ", ")
        return "\(title). Map of \(valueLabel.lowercased()) for \(named.count) areas" + (top.isEmpty ? "." : "; highest: \(top).")
    }

    public func svg(id: String = "map") -> String {
        let points = shapes.shapes.flatMap { $0.rings.flatMap { $0 } }
        guard let minLon = points.map(\.0).min(), let maxLon = points.map(\.0).max(),
              let minLat = points.map(\.1).min(), let maxLat = points.map(\.1).max() else {
            return SVG.open(width: width, height: 60, title: title, description: description, id: id) + "</svg>"
        }
        let top = 30.0, legendHeight = 60.0
        let midLat = (minLat + maxLat) / 2 * .pi / 180
        let xScale = cos(midLat)
        let boxWidth = width - 20, boxHeight = height - top - legendHeight
        let scale = min(boxWidth / max((maxLon - minLon) * xScale, 1e-9), boxHeight / max(maxLat - minLat, 1e-9))
        func project(_ p: (Double, Double)) -> String {
            SVG.number(10 + (p.0 - minLon) * xScale * scale) + "," + SVG.number(top + (maxLat - p.1) * scale)
        }
        let breaks = self.breaks
        func colour(_ value: Double?) -> String {
            guard let value else { return Self.noData }
            return Self.classes[breaks.firstIndex { value <= $0 } ?? Self.classes.count - 1]
        }
        var svg = SVG.open(width: width, height: height, title: title, description: description, id: id)
        for shape in shapes.shapes {
            let d = shape.rings.map { "M" + $0.map(project).joined(separator: "L") + "Z" }.joined()
            let value = values[shape.code]
            svg += "<path d=\"\(d)\" fill=\"\(colour(value))\" stroke=\"#fff\" stroke-width=\"0.6\"><title>\(SVG.escape(shape.name)): \(value.map(NumberText.grouped) ?? "no data")</title></path>"
        }
        var x = 10.0
        let y = height - legendHeight + 18
        svg += "<text x=\"10\" y=\"\(SVG.number(y - 6))\" fill=\"#333\">\(SVG.escape(valueLabel))</text>"
        var lower = shownValues.min() ?? 0
        for (index, upper) in breaks.enumerated() {
            svg += "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"16\" height=\"12\" fill=\"\(Self.classes[index])\" stroke=\"#999\" stroke-width=\"0.5\"/>"
            let label = SVG.short(lower) == SVG.short(upper) ? SVG.short(upper) : "\(SVG.short(lower))–\(SVG.short(upper))"
            svg += "<text x=\"\(SVG.number(x + 20))\" y=\"\(SVG.number(y + 10))\" font-size=\"11\">\(label)</text>"
            x += 28 + Double(label.count) * 6.2
            lower = upper
        }
        svg += "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"16\" height=\"12\" fill=\"\(Self.noData)\" stroke=\"#999\" stroke-width=\"0.5\"/>"
        svg += "<text x=\"\(SVG.number(x + 20))\" y=\"\(SVG.number(y + 10))\" font-size=\"11\">no data</text>"
        svg += "<text x=\"10\" y=\"\(SVG.number(height - 8))\" font-size=\"10\" fill=\"#555\">\(SVG.escape(shapes.credit))</text>"
        return svg + "</svg>"
    }
}
