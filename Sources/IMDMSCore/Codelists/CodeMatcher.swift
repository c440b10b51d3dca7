import Foundation

/// Finds the code a producer meant: by code, name or alias, ignoring case, spacing and
/// punctuation (`s.a.`, `S A` and `SA` all normalise alike; `Maseru  bridge` finds `MSB`).
public struct CodeMatcher: Sendable {
    public let codelist: Codelist
    private var byKey: [String: String] = [:]
    /// Keys claimed by more than one code; such a text is ambiguous and matches nothing.
    private var ambiguous: Set<String> = []

    public init(codelist: Codelist, extraAliases: [String: String] = [:]) {
        self.codelist = codelist
        // Codes first so that a code always wins over another code's name or alias.
        for code in codelist.codes { add(code.id, for: code.id, exact: true) }
        for code in codelist.codes {
            add(code.name, for: code.id, exact: false)
            for alias in code.aliases { add(alias, for: code.id, exact: false) }
        }
        for (alias, code) in extraAliases where codelist.contains(code) { add(alias, for: code, exact: false) }
    }

    private mutating func add(_ text: String, for code: String, exact: Bool) {
        let key = CodeMatcher.normalise(text)
        guard !key.isEmpty else { return }
        if let existing = byKey[key] {
            if existing != code && !exact && !ambiguous.contains(key) {
                // A code id keeps its own key; two names or aliases colliding make the key ambiguous.
                if CodeMatcher.normalise(existing) != key { ambiguous.insert(key) }
            }
            return
        }
        byKey[key] = code
    }

    /// The code id for a text, or `nil` when nothing (or more than one code) matches.
    public func match(_ text: String) -> String? {
        if codelist.contains(text) { return text }
        let key = CodeMatcher.normalise(text)
        guard !ambiguous.contains(key) else { return nil }
        return byKey[key]
    }

    /// Codes, names and aliases are short; a longer text (a damaged cell can hold a megabyte) is
    /// not folded character by character: it gets a key that matches nothing yet is the same for
    /// the same text (so a problem groups its occurrences).
    public static let longestMatchable = 256

    /// Lower case, letters and digits only, accents folded; `_` kept so `_T` stays distinct from `T`.
    /// ASCII text (almost every code, name and cell) is folded byte by byte, as Foundation would fold
    /// it; other text goes through Foundation. An intake builds these keys for every name and alias
    /// of its codelists: through Foundation alone that was most of a small file's intake (D68).
    public static func normalise(_ text: String) -> String {
        let count = text.utf8.count
        if count > longestMatchable { return "#\(count)#\(text.hashValue)" }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return folded(text) }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var length = 0
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): buffer[length] = byte
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): buffer[length] = byte + 32
                default: continue
                }
                length += 1
            }
            return length
        }
    }

    /// Case, accents and width folded by Foundation; letters, digits and `_` kept.
    static func folded(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "_" }
            .map(Character.init))
    }
}
