import Foundation
import IMDMSCore
import SQLKit

/// Makes tables: one SQLKit `GROUP BY` over the observations the reader may see (filters with
/// the codes below them, the period range), summing away in SQL every dimension that neither
/// sits on an axis nor mixes levels; the `QueryEngine` then rolls periods up, resolves code
/// hierarchies and computes the margins. Outside the restricted roles, a dataset that needs
/// protection is read from its protected cube instead (`ProtectedCubes`), the same for every output.
public struct TableReader: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// `visibility`: what the reader may see (released data for the public, approved for staff).
    /// `disclosureControl`: read protected datasets from their protected cube (every audience
    /// outside the restricted roles).
    public func table(_ request: TableRequest, reference: ReferenceConfiguration, visibility: DataVisibility,
                      disclosureControl: Bool = true) async throws -> TableResult {
        guard let structure = reference.structure(request.datasetID) else { throw StorageError.unknownDataset(request.datasetID) }
        try request.validate(against: structure, codelists: reference.codelistsByID)
        let (audience, moment): (String, Date?) = switch visibility {
        case let .released(asOf): ("released", asOf)
        case .approved: ("approved", nil)
        case .allCurrent: ("all", nil)
        }
        let key = TableCache.Key(request: request, audience: audience, disclosureControl: disclosureControl)
        let state = try await TableCache.state(store.sql, at: moment ?? Date(), dataset: request.datasetID)
        if let cached = await store.tableCache.table(key, state: state, released: moment != nil) { return cached }
        let table = try await compute(request, structure, reference: reference, visibility: visibility, disclosureControl: disclosureControl)
        await store.tableCache.keep(table, for: key, state: state)
        return table
    }

    /// The table of one source alone, for every current submission (the coverage check; staff only).
    public func table(_ request: TableRequest, reference: ReferenceConfiguration, source: StatisticSource) async throws -> TableResult {
        guard let structure = reference.structure(request.datasetID) else { throw StorageError.unknownDataset(request.datasetID) }
        try request.validate(against: structure, codelists: reference.codelistsByID)
        let engine = QueryEngine(structure: structure, codelists: reference.codelistsByID)
        let stored = try await DatasetCodes.load(structure, sql: store.sql)
        let rows = try await aggregateRows(request, structure, engine: engine, detailed: engine.detailedDimensions(for: request, storedCodes: stored),
                                           visibility: .allCurrent, source: source)
        return engine.evaluate(request, rows: rows)
    }

    private func compute(_ request: TableRequest, _ structure: DataStructure, reference: ReferenceConfiguration, visibility: DataVisibility,
                         disclosureControl: Bool) async throws -> TableResult {
        if disclosureControl, let cube = try await store.protectedCubes.cube(
            structure, codelists: reference.codelistsByID, visibility: visibility, store: store, now: Date()) {
            return cube.table(request)
        }
        let engine = QueryEngine(structure: structure, codelists: reference.codelistsByID)
        let stored = try await DatasetCodes.load(structure, sql: store.sql)
        let detailed = engine.detailedDimensions(for: request, storedCodes: stored)
        var positions = Set(structure.dimensions.enumerated().filter { detailed.contains($0.element.id) }.map { $0.offset + 1 })
        for (dimensionID, codes) in request.filters where !codes.isEmpty { positions.insert((structure.position(of: dimensionID) ?? 0) + 1) }
        var rollup = ObservationRollups.grouping(positions, structure: structure, stored: stored)
        if let grouping = rollup, !(try await ObservationRollups.ensure(grouping, dataset: structure.id, store: store)) { rollup = nil }
        let rows = try await aggregateRows(request, structure, engine: engine, detailed: detailed, visibility: visibility, rollup: rollup)
        return engine.evaluate(request, rows: rows)
    }

    /// The observations' values grouped by the detailed dimensions and the period.
    /// `source`: that source's values only, set aside or not (the coverage check).
    /// `rollup`: read the submissions' partial sums of that grouping instead of their values (D53).
    func aggregateRows(_ request: TableRequest, _ structure: DataStructure, engine: QueryEngine, detailed: Set<String>,
                       visibility: DataVisibility, source: StatisticSource? = nil, rollup: String? = nil) async throws -> [AggregateRow] {
        let kept = structure.dimensions.enumerated().filter { detailed.contains($0.element.id) }.map { $0.offset + 1 }
        let query = store.sql.select()
        for position in kept { query.column(SQLColumn("k\(position)", table: "o"), as: "k\(position)") }
        query.column(SQLColumn("period", table: "o"), as: "period")
            .column(SQLFunction("SUM", args: SQLColumn("value", table: "o")), as: "v")
        if let rollup {
            query.column(SQLRaw("CAST(SUM(o.n) AS BIGINT)"), as: "n")
                .fromCurrentObservations(dataset: request.datasetID, visibility: visibility, table: "observation_rollups")
                .where(SQLColumn("grouping", table: "o"), .equal, SQLBind(rollup))
        } else {
            query.column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .fromCurrentObservations(dataset: request.datasetID, visibility: visibility, allSources: source != nil)
        }
        if let source { query.only(source) }
        if let start = request.startPeriod {
            query.where(SQLColumn("period_start", table: "o"), .greaterThanOrEqual, SQLBind(start.startDate))
        }
        if let end = request.endPeriod {
            query.where(SQLColumn("period_end", table: "o"), .lessThanOrEqual, SQLBind(end.endDate))
        }
        for (dimensionID, codes) in request.filters.sorted(by: { $0.key < $1.key }) where !codes.isEmpty {
            let position = (structure.position(of: dimensionID) ?? 0) + 1
            query.where(SQLColumn("k\(position)", table: "o"), .in, SQLBind.group(engine.expandedFilter(dimensionID, codes)))
        }
        for position in kept { query.groupBy(SQLColumn("k\(position)", table: "o")) }
        query.groupBy(SQLColumn("period", table: "o"))
        let count = structure.dimensions.count
        return try await query.all().map { row in
            var codes = [String?](repeating: nil, count: count)
            for position in kept { codes[position - 1] = try row.decode(column: "k\(position)", as: String?.self) }
            return AggregateRow(
                codes: codes, period: try Period(parsing: try row.decode(column: "period", as: String.self)),
                value: try row.decode(column: "v", as: Double?.self) ?? 0, count: try row.decode(column: "n", as: Int.self))
        }
    }
}
