/// The single measure of a dataset: what `OBS_VALUE` counts and how it behaves over time.
public struct Measure: Hashable, Sendable, Codable {
    /// Flows add up over time (a quarter is the sum of its months); stocks do not (a year's
    /// stock is its last observation).
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case flow
        case stock
    }

    public var id: String
    public var name: String
    /// The unit of measure code: `PS` (persons), `LSL` (maloti).
    public var unit: String
    public var kind: Kind
    /// Whether values must be whole non-negative numbers (counts of people).
    public var isCount: Bool

    /// The unit in words: `persons`, `maloti`; other codes as they are.
    public var unitLabel: String {
        switch unit {
        case "PS": "persons"
        case "LSL": "maloti"
        case "USD": "US dollars"
        case "PC": "percent"
        case "NUM": "number"
        default: unit
        }
    }

    public init(id: String = "OBS_VALUE", name: String, unit: String, kind: Kind, isCount: Bool = true) {
        self.id = id
        self.name = name
        self.unit = unit
        self.kind = kind
        self.isCount = isCount
    }
}
