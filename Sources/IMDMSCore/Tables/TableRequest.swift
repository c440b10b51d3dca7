/// A cross-table asked of one dataset: one dimension down the rows, optionally one across the
/// columns, codes kept by filters, and a period range. Every other dimension is summed over.
public struct TableRequest: Hashable, Sendable, Codable {
    public var datasetID: String
    public var rowDimension: String
    public var columnDimension: String?
    /// Dimension id → the codes to keep.
    public var filters: [String: [String]]
    public var startPeriod: Period?
    public var endPeriod: Period?

    public init(datasetID: String, rowDimension: String, columnDimension: String? = nil,
                filters: [String: [String]] = [:], startPeriod: Period? = nil, endPeriod: Period? = nil) {
        self.datasetID = datasetID
        self.rowDimension = rowDimension
        self.columnDimension = columnDimension
        self.filters = filters
        self.startPeriod = startPeriod
        self.endPeriod = endPeriod
    }

    /// Checks the dimensions and codes against the structure; every problem in one error.
    public func validate(against structure: DataStructure, codelists: [String: Codelist]) throws(TableRequestError) {
        var problems: [String] = []
        let known = Set(structure.dimensions.map(\.id))
        if !known.contains(rowDimension) { problems.append("rows: \(structure.id) has no dimension '\(rowDimension)'") }
        if let columnDimension {
            if !known.contains(columnDimension) { problems.append("columns: \(structure.id) has no dimension '\(columnDimension)'") }
            if columnDimension == rowDimension { problems.append("columns: '\(columnDimension)' is already on the rows") }
        }
        for (dimensionID, codes) in filters.sorted(by: { $0.key < $1.key }) {
            guard let dimension = structure.dimensions.first(where: { $0.id == dimensionID }) else {
                problems.append("filter: \(structure.id) has no dimension '\(dimensionID)'")
                continue
            }
            for code in codes where codelists[dimension.codelistID]?.contains(code) != true {
                problems.append("filter \(dimensionID): '\(code)' is not a code of \(dimension.codelistID)")
            }
        }
        if let startPeriod, let endPeriod, endPeriod < startPeriod {
            problems.append("periods: the end \(endPeriod) is before the start \(startPeriod)")
        }
        if !problems.isEmpty { throw TableRequestError(problems: problems) }
    }
}

/// Why a table cannot be made as asked.
public struct TableRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]
    public init(problems: [String]) { self.problems = problems }
    public var description: String { problems.joined(separator: "; ") }
}
