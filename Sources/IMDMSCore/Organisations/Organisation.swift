/// A producer or user of statistics: a ministry, department or the statistics office.
public struct Organisation: Hashable, Sendable, Codable, Identifiable {
    public enum Kind: String, Codable, Sendable {
        /// The national statistics office, which coordinates, approves and publishes.
        case statisticsOffice = "nso"
        /// A ministry or agency that produces administrative data.
        case producer
    }

    public var id: String
    public var name: String
    public var kind: Kind

    public init(id: String, name: String, kind: Kind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}
