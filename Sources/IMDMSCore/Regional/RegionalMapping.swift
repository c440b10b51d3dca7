import Foundation

/// How a country's datasets become a regional profile's dataflows (D71), kept in the country's
/// configuration folder as `regional.json`: for each regional dataflow, the national dataset it is
/// made from and, for each regional dimension, a fixed code (the reporting country) or the
/// national dimension it comes from with the codes mapped (`"*"`: every other code, the dimension's
/// total less the codes listed). National dimensions left out are added up.
public struct RegionalMapping: Codable, Sendable, Equatable {
    public struct Dimension: Codable, Sendable, Equatable {
        /// A fixed regional code (`REF_AREA`: the reporting country).
        public var code: String?
        /// The national dimension, and national code → regional code.
        public var from: String?
        public var codes: [String: String]?

        public init(code: String? = nil, from: String? = nil, codes: [String: String]? = nil) {
            self.code = code
            self.from = from
            self.codes = codes
        }
    }

    public struct Dataflow: Codable, Sendable, Equatable {
        public var dataset: String
        public var dimensions: [String: Dimension]

        public init(dataset: String, dimensions: [String: Dimension]) {
            self.dataset = dataset
            self.dimensions = dimensions
        }
    }

    /// The profile: a shipped one by name (`sadc`), or a folder (relative to the configuration folder).
    public var region: String
    public var dataflows: [String: Dataflow]

    public init(region: String, dataflows: [String: Dataflow]) {
        self.region = region
        self.dataflows = dataflows
    }

    public static let fileName = "regional.json"

    /// Reads a mapping file, naming unknown fields and what does not decode.
    public static func read(_ url: URL) throws(ConfigurationError) -> RegionalMapping {
        let source = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw ConfigurationError(source: source, problems: ["cannot be read"]) }
        var problems: [String] = []
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            problems += JSONFields.unknown(in: object, known: ["region", "dataflows"]).map { "unknown field '\($0)'" }
            for (flow, value) in (object["dataflows"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let fields = value as? [String: Any] else { continue }
                problems += JSONFields.unknown(in: fields, known: ["dataset", "dimensions"]).map { "\(flow): unknown field '\($0)'" }
                for (dimension, spec) in (fields["dimensions"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    guard let spec = spec as? [String: Any] else { continue }
                    problems += JSONFields.unknown(in: spec, known: ["code", "from", "codes"]).map { "\(flow).\(dimension): unknown field '\($0)'" }
                }
            }
        }
        guard problems.isEmpty else { throw ConfigurationError(source: source, problems: problems) }
        do { return try JSONDecoder().decode(RegionalMapping.self, from: data) } catch {
            throw ConfigurationError(source: source, problems: [DecodingProblem.explain(error)])
        }
    }

    /// Every regional dimension has a source, every code exists on its side, and no national
    /// dimension or code is used twice (a value counted twice).
    public func problems(national: ReferenceConfiguration, profile: ReferenceConfiguration) -> [String] {
        var problems: [String] = []
        for (id, flow) in dataflows.sorted(by: { $0.key < $1.key }) {
            guard let target = profile.structure(id) else { problems.append("\(id): the profile \(region) has no dataflow \(id)"); continue }
            guard let source = national.structure(flow.dataset) else { problems.append("\(id): there is no dataset \(flow.dataset)"); continue }
            var used: Set<String> = []
            for dimension in target.dimensions {
                let place = "\(id).\(dimension.id)"
                let regional = profile.codelistsByID[dimension.codelistID]
                guard let spec = flow.dimensions[dimension.id] else { problems.append("\(place): has no mapping"); continue }
                if let code = spec.code {
                    if spec.from != nil || spec.codes != nil { problems.append("\(place): give either a code or from and codes, not both") }
                    if regional?.contains(code) != true { problems.append("\(place): \(code) is not a code of the profile's \(dimension.codelistID)") }
                    continue
                }
                guard let from = spec.from, let codes = spec.codes, !codes.isEmpty else { problems.append("\(place): give a code, or from and codes"); continue }
                guard let nationalDimension = source.dimensions.first(where: { $0.id == from }) else {
                    problems.append("\(place): \(flow.dataset) has no dimension \(from)"); continue
                }
                if !used.insert(from).inserted { problems.append("\(place): \(from) already feeds another dimension") }
                let list = national.codelistsByID[nationalDimension.codelistID]
                for (theirs, ours) in codes.sorted(by: { $0.key < $1.key }) {
                    if theirs != "*", list?.contains(theirs) != true { problems.append("\(place): \(theirs) is not a code of \(nationalDimension.codelistID)") }
                    if regional?.contains(ours) != true { problems.append("\(place): \(ours) is not a code of the profile's \(dimension.codelistID)") }
                }
                let listed = codes.keys.filter { $0 != "*" }
                for code in listed.sorted() {
                    for other in listed where other != code && list?.isSelfOrAncestor(other, of: code) == true {
                        problems.append("\(place): \(code) is inside \(other), so it would be counted twice")
                    }
                }
            }
            for extra in flow.dimensions.keys.sorted() where target.position(of: extra) == nil {
                problems.append("\(id): \(extra) is not a dimension of the profile's \(id)")
            }
        }
        return problems
    }
}
