/// A cross-table asked of one dataset: one dimension down the rows, optionally one across the
/// columns (either may be time, `TIME_PERIOD`), codes kept by filters, a period range and a target
/// frequency (months roll up into quarters and years). Every other dimension is totalled.
public struct TableRequest: Hashable, Sendable, Codable {
    /// The pseudo-dimension for time on an axis.
    public static let timeDimension = "TIME_PERIOD"

    public var datasetID: String
    public var rowDimension: String
    public var columnDimension: String?
    /// Dimension id → the codes to keep.
    public var filters: [String: [String]]
    public var startPeriod: Period?
    public var endPeriod: Period?
    /// The frequency to show (nil: the dataset's own); only coarser ones are possible.
    public var frequency: Frequency?
    /// The codes to show on the rows / columns (nil: the codes present, with their subtotals).
    public var rowCodes: [String]?
    public var columnCodes: [String]?

    public init(datasetID: String, rowDimension: String, columnDimension: String? = nil,
                filters: [String: [String]] = [:], startPeriod: Period? = nil, endPeriod: Period? = nil,
                frequency: Frequency? = nil, rowCodes: [String]? = nil, columnCodes: [String]? = nil) {
        self.frequency = frequency
        self.rowCodes = rowCodes
        self.columnCodes = columnCodes
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
        let known = Set(structure.dimensions.map(\.id) + [Self.timeDimension])
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
        if let frequency, frequency > structure.frequency {
            problems.append("frequency: \(structure.id) is \(structure.frequency.name.lowercased()); it cannot be shown \(frequency.name.lowercased())")
        }
        for (axis, dimensionID, codes) in [("rows", rowDimension, rowCodes), ("columns", columnDimension, columnCodes)] {
            guard let codes, let dimensionID, let dimension = structure.dimensions.first(where: { $0.id == dimensionID }) else { continue }
            for code in codes where codelists[dimension.codelistID]?.contains(code) != true {
                problems.append("\(axis): '\(code)' is not a code of \(dimension.codelistID)")
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
