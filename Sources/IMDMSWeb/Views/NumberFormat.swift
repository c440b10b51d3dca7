/// Numbers as a statistics office prints them: `1,234,567`; decimals only where the value has them.
enum NumberFormat {
    static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let rounded = value.rounded()
        if abs(value - rounded) > 1e-9 {
            let whole = grouped(value < 0 ? -(-value).rounded(.down) : value.rounded(.down))
            let fraction = Int((abs(value) - abs(value).rounded(.down)) * 10).description
            return whole + "." + fraction
        }
        let digits = String(Int64(abs(rounded)))
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return (rounded < 0 ? "-" : "") + result
    }
}
