/// The languages IMDMS speaks: English (complete) and Sesotho.
public enum Language: String, Sendable, CaseIterable, Codable {
    case en, st

    /// The language's name in itself, as a switch shows it.
    public var name: String {
        switch self {
        case .en: "English"
        case .st: "Sesotho"
        }
    }

    /// The language an `Accept-Language` header prefers among ours (`st-LS;q=0.9, en;q=0.8`),
    /// English when it names neither.
    public static func preferred(_ header: String?) -> Language {
        var best: (Language, Double)?
        for part in (header ?? "").split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = fields.first?.lowercased() else { continue }
            let base = String(tag.split(separator: "-").first ?? "")
            guard let language = Language(rawValue: base) else { continue }
            let quality = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0, quality > (best?.1 ?? -1) { best = (language, quality) }
        }
        return best?.0 ?? .en
    }
}
