/// Disclosure control for observations sent as they are stored (SDMX data, not tables): a value
/// a producer marked confidential is withheld; values under the dataset's threshold are withheld
/// (`CONF_STATUS=A`); then, as for tables, further values (`D`) until no relation among the
/// observations sent — a code's observation and those of its children in the codelist's
/// hierarchy, all else equal, same period — has exactly one withheld value. Withheld values
/// leave without a value and with `OBS_STATUS=Q`. The sums a table would show over each
/// dimension's detailed codes count as relations too, so a table total cannot reveal a value
/// withheld here. Apply it to all observations of the periods asked for, before any key filter:
/// a relation must not escape by asking for its parts separately.
public struct ObservationDisclosure: Sendable {
    public var structure: DataStructure
    public var codelists: [String: Codelist]

    public init(structure: DataStructure, codelists: [String: Codelist]) {
        self.structure = structure
        self.codelists = codelists
    }

    static let virtualTotal = "\u{0}total"

    struct Place: Hashable {
        var key: [String]
        var period: Period
    }

    public func apply(to observations: [Observation]) -> [Observation] {
        guard structure.disclosureThreshold > 1 else { return observations.map(Self.producerConfidential) }
        var values: [Place: Double] = [:]
        for o in observations where o.confidentiality == .free { if let v = o.value { values[Place(key: o.key, period: o.period)] = v } }
        // Per dimension, the children of each code that has any.
        let children: [[String: [String]]] = structure.dimensions.map { dimension in
            guard let list = codelists[dimension.codelistID] else { return [:] }
            var map: [String: [String]] = [:]
            for code in list.codes {
                if let parent = code.parentID { map[parent, default: []].append(code.id) }
                if code.isGroup { map[code.id, default: []].append(contentsOf: code.memberIDs) }
            }
            return map
        }
        var relations: [[Place]] = []
        for place in values.keys {
            for (d, map) in children.enumerated() {
                guard let below = map[place.key[d]] else { continue }
                var relation = [place]
                for child in below {
                    var key = place.key
                    key[d] = child
                    let part = Place(key: key, period: place.period)
                    if values[part] != nil { relation.append(part) }
                }
                if relation.count > 1 { relations.append(relation) }
            }
        }
        // The sums a table shows over a dimension's detailed codes (all else equal) are margins
        // too: each is a virtual place with its value, never sent.
        let present = Array(values.keys)
        for d in structure.dimensions.indices {
            var totals: [Place: [Place]] = [:]
            for place in present where children[d][place.key[d]] == nil {
                var key = place.key
                key[d] = Self.virtualTotal
                totals[Place(key: key, period: place.period), default: []].append(place)
            }
            for (total, parts) in totals where parts.count > 1 {
                values[total] = parts.reduce(0) { $0 + values[$1]! }
                relations.append([total] + parts)
            }
        }
        let isAggregate: (Place) -> Bool = { place in
            place.key.enumerated().contains { $0.element == Self.virtualTotal || children[$0.offset][$0.element] != nil }
        }
        let withheld = DisclosureControl.withheld(values: values, relations: relations, threshold: structure.disclosureThreshold, isMargin: isAggregate)
        return observations.map { o in
            var result = Self.producerConfidential(o)
            if o.confidentiality == .free, let why = withheld[Place(key: o.key, period: o.period)] {
                result.value = nil
                result.status = .suppressed
                result.confidentiality = why == .secondary ? .secondary : .primary
            }
            return result
        }
    }

    /// A value the producer marked confidential leaves without its value.
    static func producerConfidential(_ o: Observation) -> Observation {
        guard o.confidentiality != .free else { return o }
        var result = o
        result.value = nil
        result.status = .suppressed
        return result
    }
}
