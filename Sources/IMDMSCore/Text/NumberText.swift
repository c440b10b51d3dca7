/// Numbers as text: plain for messages (`1204`, not `1204.0`), grouped as a statistics office
/// prints them (`1,234,567`; one decimal only where the value has one), percentages.
public enum NumberText {
    public static func plain(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    public static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let tenths = (abs(value) * 10).rounded()
        let whole = Int64(tenths / 10), fraction = Int64(tenths) % 10
        let digits = String(whole)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        let sign = value < 0 && tenths > 0 ? "-" : ""
        let hasFraction = abs(value - value.rounded()) > 1e-9 && fraction != 0
        return sign + result + (hasFraction ? ".\(fraction)" : "")
    }

    /// `12%`, `-3.5%`, `+12%` with `signed`.
    public static func percent(_ value: Double, signed: Bool = false) -> String {
        let rounded = (value * 10).rounded() / 10
        let text = abs(rounded) >= 10 || rounded == rounded.rounded() ? String(Int64(rounded.rounded())) : String(rounded)
        return (signed && rounded > 0 ? "+" : "") + text + "%"
    }
}
