import Foundation

/// Shared pieces of the server-drawn SVG charts: escaping, a colour-blind-safe palette
/// (Okabe–Ito), tick steps, and the accessible frame (`role="img"`, `<title>`, `<desc>`).
public enum SVG {
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
    static let font = "font-family=\"system-ui, sans-serif\""

    /// SVG is XML: the one XML escaping (`XMLText`).
    static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// A drawing as a file of its own (an `image/svg+xml` response): the XML declaration, then the drawing.
    public static func standalone(_ drawing: String) -> String { "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + drawing }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// `<svg …>` with the title and description that screen readers announce.
    static func open(width: Double, height: Double, title: String, description: String, id: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" class=\"chart\" \(font) font-size=\"12\">"
            + "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
            + "<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>"
    }

    /// A step of 1, 2 or 5 × 10ⁿ giving about `count` ticks up to `maximum`.
    static func tickStep(_ maximum: Double, count: Int = 5) -> Double {
        guard maximum > 0 else { return 1 }
        let raw = maximum / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// Short tick labels: 1,500 → 1.5k, 2,000,000 → 2M.
    static func short(_ value: Double) -> String {
        let a = abs(value)
        if a >= 1_000_000 { return NumberText.plain((value / 100_000).rounded() / 10) + "M" }
        if a >= 10_000 { return NumberText.plain((value / 100).rounded() / 10) + "k" }
        return NumberText.grouped(value)
    }

    static func legend(_ names: [String], x: Double, y: Double) -> String {
        var svg = ""
        var offset = x
        for (index, name) in names.enumerated() {
            svg += "<rect x=\"\(number(offset))\" y=\"\(number(y - 10))\" width=\"12\" height=\"12\" fill=\"\(palette[index % palette.count])\"/>"
            svg += "<text x=\"\(number(offset + 16))\" y=\"\(number(y))\">\(escape(name))</text>"
            offset += 28 + Double(name.count) * 6.5
        }
        return svg
    }
}
