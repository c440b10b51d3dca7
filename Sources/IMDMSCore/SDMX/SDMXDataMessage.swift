import Foundation

/// The data a query returns, ready for any writer: observations grouped into series (one per
/// key, periods in order), cut to the first/last N per series when asked.
public struct SDMXDataMessage: Sendable {
    public struct Series: Sendable {
        public var key: [String]
        public var observations: [Observation]
    }

    public var structure: DataStructure
    public var agencyID: String
    public var codelists: [String: Codelist]
    public var query: SDMXDataQuery
    public var series: [Series]
    public var id: String
    public var prepared: Date

    public init(
        structure: DataStructure, agencyID: String, codelists: [String: Codelist], observations: [Observation],
        query: SDMXDataQuery, id: String = "IMDMS-" + UUID().uuidString, prepared: Date = Date()
    ) {
        self.series = Self.group(observations).map { series in
            var series = series
            if let n = query.firstN, let m = query.lastN {
                let all = series.observations
                let head = Array(all.prefix(n)), tail = Array(all.suffix(m))
                let headPeriods = Set(head.map(\.period))
                series.observations = head + tail.filter { !headPeriods.contains($0.period) }
            } else if let n = query.firstN {
                series.observations = Array(series.observations.prefix(n))
            } else if let m = query.lastN {
                series.observations = Array(series.observations.suffix(m))
            }
            return series
        }
        self.structure = structure
        self.agencyID = agencyID
        self.codelists = codelists
        self.query = query
        self.id = id
        self.prepared = prepared
    }

    /// Series in key order, each with its periods in order. Storage reads come in that order
    /// already: then one pass, else grouped by key and sorted.
    static func group(_ observations: [Observation]) -> [Series] {
        var runs: [Series] = []
        var ordered = true
        for observation in observations {
            if let last = runs.last, last.key == observation.key {
                ordered = ordered && last.observations.last!.period < observation.period
                runs[runs.count - 1].observations.append(observation)
                continue
            }
            ordered = ordered && (runs.isEmpty || keyPrecedes(runs[runs.count - 1].key, observation.key))
            runs.append(Series(key: observation.key, observations: [observation]))
        }
        if ordered { return runs }
        var grouped: [String: Series] = [:]
        for run in runs {
            grouped[run.key.joined(separator: "."), default: Series(key: run.key, observations: [])].observations += run.observations
        }
        return grouped.keys.sorted().map { seriesKey in
            var series = grouped[seriesKey]!
            series.observations.sort { $0.period < $1.period }
            return series
        }
    }

    /// Whether `a` joined with dots comes before `b` joined with dots, byte by byte (the order of
    /// `series_key` in the database), without joining them: a month is 44,800 keys.
    public static func keyPrecedes(_ a: [String], _ b: [String]) -> Bool {
        let dot = UInt8(ascii: ".")
        for i in 0..<min(a.count, b.count) where a[i] != b[i] {
            var x = a[i].utf8.makeIterator(), y = b[i].utf8.makeIterator()
            while true {
                switch (x.next(), y.next()) {
                case let (p?, q?): if p != q { return p < q }
                case let (nil, q?): return i + 1 < a.count ? dot < q : true
                case let (p?, nil): return i + 1 < b.count ? p < dot : false
                case (nil, nil): return false
                }
            }
        }
        return a.count < b.count
    }

    public var observationCount: Int { series.reduce(0) { $0 + $1.observations.count } }
    public var isFlat: Bool { query.dimensionAtObservation == SDMXDataQuery.allDimensions }
    public var sendsObservations: Bool { query.detail == .full || query.detail == .dataonly }
    public var sendsAttributes: Bool { query.detail == .full }

    /// `LS_BOS:BORDER_CROSSINGS(1.0)`.
    public var dataflowReference: String { "\(agencyID):\(structure.id)(\(structure.version))" }
    public var structureID: String { SDMXArtefacts.dsdID(structure) }
    /// The id a data message gives its structure: `LS_BOS_DSD_BORDER_CROSSINGS_1_0`.
    public var messageStructureID: String {
        "\(agencyID)_\(structureID)_\(structure.version.replacingOccurrences(of: ".", with: "_"))"
    }

    /// The text SDMX messages carry for a value: a suppressed or missing one is `NaN` in XML.
    static func xmlValue(_ value: Double?) -> String { value.map(NumberText.plain) ?? "NaN" }
}
