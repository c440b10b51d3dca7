import Foundation

/// A radar (spider) chart of scores from 0 to 100 on several axes — a governance scorecard's
/// domains — with one outline per series (assessment), rings every 20 points, a legend, and a
/// text alternative naming every value.
public struct RadarChart: Sendable {
    public var title: String
    public var axes: [String]
    /// Series name → one value (0–100) per axis.
    public var series: [(name: String, values: [Double])]
    public var size: Double

    public init(title: String, axes: [String], series: [(name: String, values: [Double])], size: Double = 520) {
        self.title = title
        self.axes = axes
        self.series = series
        self.size = size
    }

    public func svg(id: String = "radar") -> String {
        let width = size + 160, height = size + 40
        let cx = width / 2, cy = 40 + size / 2 - 10, radius = size / 2 - 60
        func point(_ axis: Int, _ value: Double) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(axis) / Double(max(axes.count, 1))
            let r = radius * min(max(value, 0), 100) / 100
            return (cx + r * cos(angle), cy + r * sin(angle))
        }
        let description = series.map { s in
            "\(s.name): " + zip(axes, s.values).map { "\($0) \(SVG.number($1))%" }.joined(separator: ", ")
        }.joined(separator: "; ")
        var svg = SVG.open(width: width, height: height, title: title, description: description, id: id)
        for ring in stride(from: 20.0, through: 100, by: 20) {
            let points = axes.indices.map { point($0, ring) }.map { "\(SVG.number($0.0)),\(SVG.number($0.1))" }.joined(separator: " ")
            svg += "<polygon points=\"\(points)\" fill=\"none\" stroke=\"#ccc\"/>"
            let (x, y) = point(0, ring)
            svg += "<text x=\"\(SVG.number(x + 3))\" y=\"\(SVG.number(y + 4))\" fill=\"#777\" font-size=\"10\">\(Int(ring))</text>"
        }
        for (index, name) in axes.enumerated() {
            let (x, y) = point(index, 100), (lx, ly) = point(index, 118)
            svg += "<line x1=\"\(SVG.number(cx))\" y1=\"\(SVG.number(cy))\" x2=\"\(SVG.number(x))\" y2=\"\(SVG.number(y))\" stroke=\"#ccc\"/>"
            let anchor = abs(lx - cx) < 5 ? "middle" : lx < cx ? "end" : "start"
            svg += "<text x=\"\(SVG.number(lx))\" y=\"\(SVG.number(ly + 4))\" text-anchor=\"\(anchor)\">\(SVG.escape(name))</text>"
        }
        for (index, s) in series.enumerated() {
            let colour = SVG.palette[index % SVG.palette.count]
            let points = s.values.enumerated().map { point($0.offset, $0.element) }.map { "\(SVG.number($0.0)),\(SVG.number($0.1))" }.joined(separator: " ")
            svg += "<polygon points=\"\(points)\" fill=\"\(colour)\" fill-opacity=\"0.15\" stroke=\"\(colour)\" stroke-width=\"2\"><title>\(SVG.escape(s.name))</title></polygon>"
            for (axis, value) in s.values.enumerated() {
                let (x, y) = point(axis, value)
                svg += "<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"3\" fill=\"\(colour)\"><title>\(SVG.escape("\(s.name), \(axes[axis]): \(SVG.number(value))%"))</title></circle>"
            }
        }
        svg += SVG.legend(series.map(\.name), x: 8, y: height - 8)
        return svg + "</svg>"
    }
}
