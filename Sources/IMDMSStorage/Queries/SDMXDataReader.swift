import Foundation
import IMDMSCore
import FluentSQLiteDriver
import SQLKit

/// The stored observations an SDMX data query selects, as a reader with `visibility` may see
/// them: codes per dimension, the period range (by the periods' first and last days),
/// `updatedAfter` (submissions created, moved through the workflow or released since), in key
/// and period order. Disclosure control is the caller's (it depends on who asks).
public struct SDMXDataReader: Sendable {
    let store: Store
    let codelists: [String: Codelist]

    /// The most observations one message carries; more is refused (SDMX 510, HTTP 413) with a
    /// request to narrow the key or the period, before the server spends its memory on it.
    public static let defaultLimit = 500_000

    /// `codelists` name the first dimension's codes, where the key space is cut into parts.
    public init(store: Store, codelists: [String: Codelist] = [:]) {
        self.store = store
        self.codelists = codelists
    }

    /// All the observations at once, the key space read in two parts at the same time, each on
    /// its own connection and core (D60).
    public func observations(
        structure: DataStructure, query: SDMXDataQuery, visibility: DataVisibility, limit: Int = defaultLimit
    ) async throws -> [Observation] {
        let ranges = ranges(structure, query: query, parts: 2)
        let bound = try await mayExceed(structure, query: query, limit: limit) ? limit : nil
        guard ranges.count > 1 else { return try await observations(structure: structure, query: query, visibility: visibility, in: .all, limit: bound) }
        let parts = try await withThrowingTaskGroup(of: (Int, [Observation]).self) { group in
            for (index, range) in ranges.enumerated() {
                group.addTask { (index, try await observations(structure: structure, query: query, visibility: visibility, in: range, lane: index, limit: bound)) }
            }
            var parts = Array(repeating: [Observation](), count: ranges.count)
            for try await (index, observations) in group { parts[index] = observations }
            return parts
        }
        guard parts.reduce(0, { $0 + $1.count }) <= limit else { throw Self.tooMany(structure, limit: limit) }
        return parts.flatMap { $0 }
    }

    /// The key space cut into at most `parts` ranges, in key order, at codes of the first
    /// dimension (the ones the query asks for, else its codelist's).
    public func ranges(_ structure: DataStructure, query: SDMXDataQuery, parts: Int) -> [SeriesKeyRange] {
        guard let first = structure.dimensions.first else { return [.all] }
        let codes = (query.key.first.flatMap { $0.map(Array.init) } ?? codelists[first.codelistID]?.codes.map(\.id) ?? [])
            .map { $0 + "." }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let count = min(parts, codes.count)
        guard count > 1 else { return [.all] }
        let boundaries = (1..<count).map { codes[$0 * codes.count / count] }
        return (0..<count).map { SeriesKeyRange(from: $0 == 0 ? nil : boundaries[$0 - 1], before: $0 == count - 1 ? nil : boundaries[$0]) }
    }

    /// Whether the query may select more than `limit` observations: on SQLite, the stored rows
    /// of the dataset in its period bounds counted on the (dataset, period_start) index (an upper
    /// bound: superseded and set-aside rows, every key), up to `limit` + 1 of them (a month: 5 ms).
    /// When they cannot be more, the caller reads without a LIMIT: with one, SQLite orders the
    /// rows in a b-tree kept to the limit instead of its sorter, which took a month's query from
    /// 65 to 130 ms (D72). PostgreSQL has no such cost: always true.
    public func mayExceed(_ structure: DataStructure, query: SDMXDataQuery, limit: Int = defaultLimit) async throws -> Bool {
        guard !store.isPostgres else { return true }
        let rows = store.sql.select().column(SQLLiteral.numeric("1")).from(SQLAlias(SQLIdentifier("observations"), as: SQLIdentifier("o")))
            .where(SQLColumn("dataset_id", table: "o"), .equal, SQLBind(structure.id))
        periodBounds(rows, structure: structure, query: query, periodEnd: false)
        rows.limit(limit + 1)
        struct Count: Decodable { var n: Int }
        let counted = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SQLAlias(SQLGroupExpression(rows.query), as: SQLIdentifier("r"))).first(decoding: Count.self)?.n ?? 0
        return counted > limit
    }

    /// The period conditions of a query on alias `o`: a period that ends on or after the start
    /// (`periodEnd`) and begins in the index's bounds.
    private func periodBounds(_ select: SQLSelectBuilder, structure: DataStructure, query: SDMXDataQuery, periodEnd: Bool = true) {
        if let start = query.startDate {
            if periodEnd { select.where(SQLColumn("period_end", table: "o"), .greaterThanOrEqual, SQLBind(start)) }
            // Every stored period has the dataset's frequency (checked when stored), so one that
            // ends on or after the start begins less than its longest span before it: a bound the
            // (dataset, period_start) index can use (a month read 13 months of the index before).
            if let bound = CivilDate.isoDate(start, minusDays: structure.frequency.longestPeriodDays) {
                select.where(SQLColumn("period_start", table: "o"), .greaterThan, SQLBind(bound))
            }
        }
        if let end = query.endDate { select.where(SQLColumn("period_start", table: "o"), .lessThanOrEqual, SQLBind(end)) }
    }

    /// The observations of one range of series keys, read on `lane` (`Store.sql(lane:)`): parts
    /// read at the same time are given different lanes. `limit`: more is refused (nil: the
    /// caller knows there cannot be more, `mayExceed`, or takes any number, streaming).
    public func observations(
        structure: DataStructure, query: SDMXDataQuery, visibility: DataVisibility, in range: SeriesKeyRange, lane: Int = 0, limit: Int? = defaultLimit
    ) async throws -> [Observation] {
        let count = structure.dimensions.count
        let sql = store.sql(lane: lane)
        // One text per query, made by the database: a row per observation cost more in the
        // drivers than the query itself (D60).
        let select = sql.select()
            .column(SQLAlias(SQLRaw(ObservationLines.lineExpression(postgres: store.isPostgres)), as: SQLIdentifier("line")))
            .column(SQLAlias(SQLColumn("series_key", table: "o"), as: SQLIdentifier("sk")))
            .column(SQLAlias(SQLColumn("period_start", table: "o"), as: SQLIdentifier("ps")))
        select.fromCurrentObservations(dataset: structure.id, visibility: visibility)
        for (index, codes) in query.key.enumerated() {
            guard let codes else { continue }
            select.where(SQLColumn("k\(index + 1)", table: "o"), .in, SQLBind.group(codes.sorted()))
        }
        periodBounds(select, structure: structure, query: query)
        // Byte order on both databases (PostgreSQL would compare by its collation), as `ranges` cut it.
        let seriesKey = SQLRaw(store.isPostgres ? "o.series_key COLLATE \"C\"" : "o.series_key")
        if let from = range.from { select.where(seriesKey, .greaterThanOrEqual, SQLBind(from)) }
        if let before = range.before { select.where(seriesKey, .lessThan, SQLBind(before)) }
        if let after = query.updatedAfter { select.changed(after: after, submissions: "s") }
        // Any limit + 1 rows tell whether there are too many. On SQLite the rows are sorted here,
        // by the sorter (without a LIMIT: `mayExceed`), and concatenated in that order (an ORDER BY
        // inside group_concat built a b-tree of them instead, a tenth of a month's CPU); should
        // SQLite ever concatenate them in another order, the message still groups them right
        // (`SDMXDataMessage.group`). PostgreSQL orders in the aggregate.
        if !store.isPostgres { select.orderBy(SQLColumn("series_key", table: "o")).orderBy(SQLColumn("period_start", table: "o")) }
        if let limit { select.limit(limit + 1) }
        let observations = try await ObservationLines(datasetID: structure.id, dimensions: count).read(select.query, on: sql, postgres: store.isPostgres)
        if let limit, observations.count > limit { throw Self.tooMany(structure, limit: limit) }
        return observations
    }

    /// SDMX 510 (HTTP 413): the query selects more than `limit` observations.
    public static func tooMany(_ structure: DataStructure, limit: Int) -> SDMXError {
        SDMXError(httpStatus: 413, code: 510, message: "The query selects more than \(limit) observations of \(structure.id); narrow the key or the period (startPeriod, endPeriod).")
    }
}
