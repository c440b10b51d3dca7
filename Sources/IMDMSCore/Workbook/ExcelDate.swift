/// Excel's date serial numbers in both date systems.
enum ExcelDate {
    /// Serial → calendar date and seconds. The 1900 system keeps Excel's fictitious 29 February
    /// 1900 (serial 60) as 28 February so that every later serial lands on the right day.
    static func components(serial: Double, uses1904: Bool) -> (year: Int, month: Int, day: Int, seconds: Int)? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        let seconds = Int(((serial - Double(days)) * 86_400).rounded())
        let base: Int
        if uses1904 {
            base = CivilDate.daysFromCivil(1904, 1, 1)
        } else {
            if days == 60 { return (1900, 2, 28, seconds) }
            if days < 60 { days += 1 }
            base = CivilDate.daysFromCivil(1899, 12, 30)
        }
        let (y, m, d) = CivilDate.civilFromDays(base + days)
        return (y, m, d, min(seconds, 86_399))
    }

    /// Whether a number format shows a date or time: the built-in date formats, or a custom code
    /// with d, m, y, h or s outside quotes, brackets and escapes.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) { return true }
        guard let code, code.lowercased() != "general" else { return false }
        var inQuote = false
        var inBracket = false
        var escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[": inBracket = true
            case "]": inBracket = false
            case "d", "m", "y", "h", "s": if !inQuote && !inBracket { return true }
            default: break
            }
        }
        return false
    }
}
