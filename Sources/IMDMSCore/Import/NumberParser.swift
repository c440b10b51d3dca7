/// Reads an observation value written as SDMX expects: digits, an optional sign, a `.` decimal
/// point and an optional exponent. Thousands separators are not SDMX and are refused here;
/// the workbook reader of the intake layer handles `1 204` and `1,234`.
public enum NumberParser {
    public static func sdmxNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty,
              trimmed.allSatisfy({ $0.isASCIIDigit || "+-.eE".contains($0) }),
              let value = Double(trimmed), value.isFinite
        else { return nil }
        return value
    }
}

import Foundation
