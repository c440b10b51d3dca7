/// A mirror-statistics section of a report (D70): one of our datasets beside a partner
/// country's figures for the same flow (our departures to them against their arrivals from us;
/// our arrivals from them against their departures to us), period by period, with the
/// differences. The partner's figures are a dataset of ours, pulled from their SDMX service
/// (`imdms exchange pull`, D69).
public struct MirrorSpec: Codable, Sendable, Hashable {
    /// One side of the comparison: the total of a dataset over filters, per period.
    public struct Side: Codable, Sendable, Hashable {
        /// The dataset (for our side: the section's when left out).
        public var dataset: String?
        /// The column heading and the narrative's name for these figures.
        public var label: String
        public var filters: [String: [String]]?

        public init(dataset: String? = nil, label: String, filters: [String: [String]]? = nil) {
            self.dataset = dataset
            self.label = label
            self.filters = filters
        }
    }

    /// The partner country's name, as the narrative says it.
    public var partner: String
    public var ours: Side
    public var theirs: Side
    /// The periods compared (`M`: the months of the report's period; default: the report's own frequency).
    public var frequency: Frequency?

    public init(partner: String, ours: Side, theirs: Side, frequency: Frequency? = nil) {
        self.partner = partner
        self.ours = ours
        self.theirs = theirs
        self.frequency = frequency
    }
}
