/// Reads numbers as ministries type them: `1,234`, `1 234` (also with a non-breaking or thin
/// space), `1234.0`, `12,5` (decimal comma), `(12)` for a negative. Refuses what is not a number
/// (`n/a`, `-`, `x`) with a reason, never a guess.
public enum AdminNumberParser {
    public enum Failure: Error, Equatable, Sendable {
        case empty
        case notANumber
    }

    public static func parse(_ raw: String) -> Result<Double, Failure> {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .failure(.empty) }
        var negative = false
        if text.hasPrefix("(") && text.hasSuffix(")") {
            negative = true
            text = String(text.dropFirst().dropLast())
        }
        // Spaces of every kind are thousands separators.
        text = String(text.unicodeScalars.filter { !($0.properties.isWhitespace) }.map(Character.init))
        if text.hasPrefix("-") {
            negative.toggle()
            text.removeFirst()
        } else if text.hasPrefix("+") {
            text.removeFirst()
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCIIDigit || $0 == "," || $0 == "." || $0 == "e" || $0 == "E" }),
              text.first?.isASCIIDigit == true || text.first == "."
        else { return .failure(.notANumber) }
        let commas = text.filter { $0 == "," }.count
        let dots = text.filter { $0 == "." }.count
        if commas > 0 && dots > 0 {
            // The later of the two marks is the decimal point: 1,234.5 or 1.234,5.
            let lastComma = text.lastIndex(of: ",")!, lastDot = text.lastIndex(of: ".")!
            if lastComma > lastDot {
                text = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            } else {
                text = text.replacingOccurrences(of: ",", with: "")
            }
        } else if commas > 0 {
            if isGrouped(text, separator: ",") {
                text = text.replacingOccurrences(of: ",", with: "")
            } else if commas == 1 {
                text = text.replacingOccurrences(of: ",", with: ".")
            } else {
                return .failure(.notANumber)
            }
        } else if dots > 1 {
            guard isGrouped(text, separator: ".") else { return .failure(.notANumber) }
            text = text.replacingOccurrences(of: ".", with: "")
        }
        guard let value = Double(text), value.isFinite else { return .failure(.notANumber) }
        return .success(negative ? -value : value)
    }

    /// `1,234,567`: one to three digits, then groups of exactly three.
    static func isGrouped(_ text: String, separator: Character) -> Bool {
        let groups = text.split(separator: separator, omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count), groups.count > 1 else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) } && first.allSatisfy(\.isASCIIDigit)
    }
}

import Foundation
