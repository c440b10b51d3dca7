import Foundation

/// Finds a period in free text as producers write it: sheet names and titles such as
/// `December 2022`, `Dec 2022`, `Q1 2022`, `2022 Q1`, `2022-Q1`, `2022-12`, or a year alone.
public enum PeriodText {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The period of the given frequency named in the text, or `nil`.
    public static func find(in text: String, frequency: Frequency) -> Period? {
        if let exact = try? Period(parsing: text), exact.frequency == frequency { return exact }
        let words = text.lowercased()
            .replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: "/", with: " ")
            .split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard let yearIndex = words.lastIndex(where: { $0.count == 4 && Int($0).map { (1900...2999).contains($0) } == true }),
              let year = Int(words[yearIndex])
        else { return nil }
        let neighbours = [yearIndex - 1, yearIndex + 1].filter { words.indices.contains($0) }.map { words[$0] }
        switch frequency {
        case .annual:
            return try? .year(year)
        case .quarterly:
            for word in neighbours {
                if word.count == 2, word.hasPrefix("q"), let q = Int(word.dropFirst()) { return try? .quarter(year, q) }
            }
            return nil
        case .monthly:
            for word in neighbours {
                if let month = months.firstIndex(where: { word.hasPrefix($0) && (word.count == 3 || fullMonth(word)) }) {
                    return try? .month(year, month + 1)
                }
                if let m = Int(word), (1...12).contains(m), word.count <= 2 { return try? .month(year, m) }
            }
            return nil
        case .daily:
            return nil
        }
    }

    static func fullMonth(_ word: String) -> Bool {
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "sept"]
            .contains(word)
    }
}
