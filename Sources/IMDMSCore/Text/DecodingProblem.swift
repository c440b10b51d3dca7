import Foundation

/// A JSON file that does not decode, in words with the path to the field: one wording for every
/// file an administrator edits (configuration, reports, mappings).
public enum DecodingProblem {
    public static func explain(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not valid JSON" }
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "" : " at " + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context): return "missing field '\(key.stringValue)'\(at(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "wrong kind of value\(at(context.codingPath)): \(context.debugDescription)"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "not valid JSON" : "invalid value\(at(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "not valid JSON"
        }
    }
}
