import Foundation

/// How a partner's dataflow becomes one of our datasets (D69), kept as a file an administrator
/// writes: where to ask (an SDMX 2.1 REST service, another IMDMS or any other), which dataflow and
/// key, and for each of our dimensions the partner's dimension it comes from with its codes mapped
/// to ours (`"*"` for every other code). The partner's dimensions we do not keep are added up, so
/// the key should ask for their totals or for leaves only.
public struct ExchangeMapping: Codable, Sendable, Equatable {
    public struct DimensionMapping: Codable, Sendable, Equatable {
        /// The partner's dimension.
        public var from: String
        /// Partner code → our code; `"*"`: every code not listed.
        public var codes: [String: String]

        public init(from: String, codes: [String: String]) {
            self.from = from
            self.codes = codes
        }
    }

    public var id: String
    /// The service's base address, e.g. `https://stats.example.org/sdmx/2.1`.
    public var service: String
    public var dataflow: String
    /// The SDMX key (`all`, or dot-separated codes with `+` and empty wildcards).
    public var key: String?
    public var startPeriod: String?
    /// Our dataset the values are stored into, and the organisation (a producer in our
    /// configuration) the submission belongs to.
    public var dataset: String
    public var organisation: String
    public var dimensions: [String: DimensionMapping]
    /// The server pulls again when the last pull is this many hours old (nil: only by `imdms exchange pull`).
    public var everyHours: Int?

    public init(id: String, service: String, dataflow: String, key: String? = nil, startPeriod: String? = nil, dataset: String,
                organisation: String, dimensions: [String: DimensionMapping], everyHours: Int? = nil) {
        self.id = id
        self.service = service
        self.dataflow = dataflow
        self.key = key
        self.startPeriod = startPeriod
        self.dataset = dataset
        self.organisation = organisation
        self.dimensions = dimensions
        self.everyHours = everyHours
    }

    static let fields: Set<String> = ["id", "service", "dataflow", "key", "startPeriod", "dataset", "organisation", "dimensions", "everyHours"]

    /// The folder of a country's configuration that holds the mappings the server pulls on its own.
    public static let folderName = "exchange"

    /// Every `*.json` mapping in a folder, in name order; none when there is no folder.
    public static func readAll(_ folder: URL) throws(ExchangeError) -> [ExchangeMapping] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var mappings: [ExchangeMapping] = [], problems: [String] = []
        for name in names.filter({ $0.hasSuffix(".json") }).sorted() {
            do { mappings.append(try read(folder.appendingPathComponent(name))) } catch { problems += error.problems }
        }
        for id in Dictionary(grouping: mappings, by: \.id).filter({ $0.value.count > 1 }).keys.sorted() { problems.append("two mappings have the id \(id)") }
        for mapping in mappings where (mapping.everyHours ?? 1) < 1 { problems.append("\(mapping.id): everyHours must be 1 or more") }
        if !problems.isEmpty { throw .mapping(problems) }
        return mappings
    }

    /// Reads a mapping file, naming unknown fields.
    public static func read(_ url: URL) throws(ExchangeError) -> ExchangeMapping {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .mapping(["\(url.lastPathComponent): cannot be read"]) }
        let unknown = JSONFields.unknown(in: data, known: fields)
        if !unknown.isEmpty { throw .mapping(unknown.map { "\(url.lastPathComponent): unknown field '\($0)'" }) }
        do { return try JSONDecoder().decode(ExchangeMapping.self, from: data) } catch {
            throw .mapping(["\(url.lastPathComponent): \(DecodingProblem.explain(error))"])
        }
    }

    /// Every one of our dimensions has a source, and every code it maps to is ours.
    public func check(against reference: ReferenceConfiguration) throws(ExchangeError) {
        guard let structure = reference.structure(dataset) else { throw .mapping(["there is no dataset \(dataset) to store into"]) }
        var problems: [String] = []
        if reference.organisations.first(where: { $0.id == organisation }) == nil { problems.append("there is no organisation \(organisation)") }
        for dimension in structure.dimensions {
            guard let mapping = dimensions[dimension.id] else { problems.append("dataset \(dataset)'s dimension \(dimension.id) has no mapping"); continue }
            let list = reference.codelistsByID[dimension.codelistID]
            for target in Set(mapping.codes.values).sorted() where list?.contains(target) != true {
                problems.append("\(dimension.id): \(target) is not a code of \(dimension.codelistID)")
            }
        }
        for extra in dimensions.keys.sorted() where structure.position(of: extra) == nil {
            problems.append("\(extra) is not a dimension of \(dataset)")
        }
        if !problems.isEmpty { throw .mapping(problems) }
    }
}
