/// Suggests the codes an unknown text probably meant ("Maseru Brige" → Maseru Bridge), by edit
/// distance between normalised texts and by whole-word containment ("Maseru Bridge clinic").
public struct CodeSuggester: Sendable {
    public struct Suggestion: Hashable, Sendable, Codable {
        public var code: String
        public var name: String
        /// 0…1, higher is closer.
        public var score: Double
    }

    static let maxLength = 200

    let codelist: Codelist
    private let candidates: [(code: String, key: String)]

    public init(codelist: Codelist, extraAliases: [String: String] = [:]) {
        self.codelist = codelist
        var list: [(String, String)] = []
        for code in codelist.codes {
            for text in [code.id, code.name] + code.aliases { list.append((code.id, CodeMatcher.normalise(text))) }
        }
        for (alias, code) in extraAliases where codelist.contains(code) { list.append((code, CodeMatcher.normalise(alias))) }
        candidates = list.filter { !$0.1.isEmpty }
    }

    /// Up to `limit` codes, best first, scoring at least `threshold`.
    public func suggestions(for text: String, limit: Int = 3, threshold: Double = 0.6) -> [Suggestion] {
        let key = CodeMatcher.normalise(text)
        // Names are short: a damaged field of thousands of characters suggests nothing (and an
        // edit distance against every name would take seconds).
        guard !key.isEmpty, key.count <= Self.maxLength else { return [] }
        var best: [String: Double] = [:]
        for candidate in candidates {
            let score = Self.similarity(key, candidate.key, atLeast: threshold)
            if score > (best[candidate.code] ?? 0) { best[candidate.code] = score }
        }
        return best.filter { $0.value >= threshold }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit)
            .map { Suggestion(code: $0.key, name: codelist[$0.key]?.name ?? $0.key, score: $0.value) }
    }

    /// 1 − distance / longer length; a candidate wholly contained in the text (a clinic named
    /// after its post) scores by how much of the text it covers, at least 0.7.
    static func similarity(_ a: String, _ b: String, atLeast threshold: Double = 0) -> Double {
        if a == b { return 1 }
        let longer = max(a.count, b.count)
        // The distance is at least the difference in length: skip it when that alone is too far.
        let bound = 1 - Double(abs(a.count - b.count)) / Double(longer)
        var score = bound < threshold ? 0 : 1 - Double(distance(Array(a.utf8), Array(b.utf8))) / Double(longer)
        if b.count >= 4 && a.contains(b) { score = max(score, 0.7 + 0.25 * Double(b.count) / Double(a.count)) }
        return score
    }

    /// Optimal-string-alignment distance (Levenshtein with adjacent transpositions).
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
