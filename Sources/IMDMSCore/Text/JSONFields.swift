import Foundation

/// The fields of a JSON object that a file's format does not know, sorted: `Codable` skips them
/// silently, so a misspelt field in a hand-edited file would be ignored instead of named.
enum JSONFields {
    /// The top-level object's unknown fields (none when it is not an object: decoding says why).
    static func unknown(in data: Data, known: Set<String>) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return unknown(in: object, known: known)
    }

    static func unknown(in object: [String: Any], known: Set<String>) -> [String] {
        object.keys.filter { !known.contains($0) }.sorted()
    }
}
