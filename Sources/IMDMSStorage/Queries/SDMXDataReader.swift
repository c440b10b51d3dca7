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

    /// The most observations one message carries; more is refused (SDMX 510, HTTP 413) with a
    /// request to narrow the key or the period, before the server spends its memory on it.
    public static let defaultLimit = 500_000

    public init(store: Store) { self.store = store }

    public func observations(
        structure: DataStructure, query: SDMXDataQuery, visibility: DataVisibility, limit: Int = defaultLimit
    ) async throws -> [Observation] {
        let count = structure.dimensions.count
        let select = store.sql.select()
        if store.database is any SQLiteDatabase {
            // One text per query, made by SQLite: a row per observation cost an event-loop hop
            // each in the driver (D60), more than the query itself.
            select.column(SQLAlias(SQLRaw(ObservationLines.lineExpression), as: SQLIdentifier("line")))
                .column(SQLAlias(SQLColumn("series_key", table: "o"), as: SQLIdentifier("sk")))
                .column(SQLAlias(SQLColumn("period_start", table: "o"), as: SQLIdentifier("ps")))
        } else {
            for position in 1...count { select.column(SQLColumn("k\(position)", table: "o")) }
            select.column(SQLColumn("period", table: "o")).column(SQLColumn("value", table: "o"))
                .column(SQLColumn("obs_status", table: "o")).column(SQLColumn("conf_status", table: "o"))
        }
        select.fromCurrentObservations(dataset: structure.id, visibility: visibility)
        for (index, codes) in query.key.enumerated() {
            guard let codes else { continue }
            select.where(SQLColumn("k\(index + 1)", table: "o"), .in, SQLBind.group(codes.sorted()))
        }
        if let start = query.startDate {
            select.where(SQLColumn("period_end", table: "o"), .greaterThanOrEqual, SQLBind(start))
            // Every stored period has the dataset's frequency (checked when stored), so one that
            // ends on or after the start begins less than its longest span before it: a bound the
            // (dataset, period_start) index can use (a month read 13 months of the index before).
            if let bound = CivilDate.isoDate(start, minusDays: structure.frequency.longestPeriodDays) {
                select.where(SQLColumn("period_start", table: "o"), .greaterThan, SQLBind(bound))
            }
        }
        if let end = query.endDate { select.where(SQLColumn("period_start", table: "o"), .lessThanOrEqual, SQLBind(end)) }
        if let after = query.updatedAfter {
            select.where { group in
                group.where(SQLColumn("created_at", table: "s"), .greaterThan, SQLBind(after))
                    .orWhere(SQLColumn("release_at", table: "s"), .greaterThan, SQLBind(after))
                    .orWhere(SQLColumn("id", table: "s"), .in, SQLSubquery.select { sub in
                        sub.column("submission_id").from("submission_events").where("at", .greaterThan, SQLBind(after))
                    })
            }
        }
        if store.database is any SQLiteDatabase {
            // Any limit + 1 rows tell whether there are too many; the order is the aggregate's.
            select.limit(limit + 1)
            let observations = try await ObservationLines(datasetID: structure.id, dimensions: count).read(select.query, store: store)
            guard observations.count <= limit else { throw Self.tooMany(structure, limit: limit) }
            return observations
        }
        select.orderBy(SQLColumn("series_key", table: "o")).orderBy(SQLColumn("period_start", table: "o")).limit(limit + 1)
        let rows = try await ObservationRows(dimensions: count, extra: ["obs_status", "conf_status"]).read(select.query, store: store)
        guard rows.count <= limit else { throw Self.tooMany(structure, limit: limit) }
        var result: [Observation] = []
        result.reserveCapacity(rows.count)
        var periods = StoredPeriods(datasetID: structure.id)
        for row in rows {
            result.append(Observation(
                key: row.key, period: try periods.period(row.period), value: row.value,
                status: ObservationStatus(rawValue: row.extra[0]) ?? .normal,
                confidentiality: ConfidentialityStatus(rawValue: row.extra[1]) ?? .free))
        }
        return result
    }

    static func tooMany(_ structure: DataStructure, limit: Int) -> SDMXError {
        SDMXError(httpStatus: 413, code: 510, message: "The query selects more than \(limit) observations of \(structure.id); narrow the key or the period (startPeriod, endPeriod).")
    }
}
