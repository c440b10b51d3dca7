import Foundation
import IMDMSCore
import SQLKit

/// Computes cross-tables with one GROUP BY through SQLKit over the current (not superseded)
/// observations. Flows are summed over the period range; stocks take the range's last period.
public struct TableReader: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    private struct Row: Decodable { var r: String?; var c: String?; var v: Double?; var n: Int }
    private struct Bounds: Decodable { var first: String?; var last: String? }

    /// `visibility`: what the reader may see (released data for the public, approved for staff).
    public func table(_ request: TableRequest, reference: ReferenceConfiguration, visibility: DataVisibility) async throws -> TableResult {
        guard let structure = reference.structure(request.datasetID) else { throw StorageError.unknownDataset(request.datasetID) }
        let codelists = reference.codelistsByID
        try request.validate(against: structure, codelists: codelists)
        let rowColumn = column(for: request.rowDimension, in: structure)
        let colColumn = request.columnDimension.map { column(for: $0, in: structure) }

        let bounds = try await filtered(request, structure, store.sql.select()
            .column(SQLFunction("MIN", args: SQLColumn("period", table: "o")), as: "first")
            .column(SQLFunction("MAX", args: SQLColumn("period", table: "o")), as: "last"), stockPeriod: nil, visibility: visibility)
            .first(decoding: Bounds.self)
        let first = bounds?.first.flatMap { try? Period(parsing: $0) }
        let last = bounds?.last.flatMap { try? Period(parsing: $0) }
        let stockPeriod = structure.measure.kind == .stock ? last : nil

        let query = store.sql.select()
            .column(SQLColumn(rowColumn, table: "o"), as: "r")
            .column(colColumn.map { SQLColumn($0, table: "o") as any SQLExpression } ?? SQLLiteral.string(TableResult.totalColumn), as: "c")
            .column(SQLFunction("SUM", args: SQLColumn("value", table: "o")), as: "v")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
        let grouped = filtered(request, structure, query, stockPeriod: stockPeriod, visibility: visibility)
            .groupBy(SQLColumn(rowColumn, table: "o"))
        if let colColumn { grouped.groupBy(SQLColumn(colColumn, table: "o")) }
        let rows = try await grouped.all(decoding: Row.self)

        let cells = rows.compactMap { row -> TableResult.Cell? in
            guard let r = row.r, let c = row.c else { return nil }
            return TableResult.Cell(row: r, column: c, value: row.v ?? 0, observationCount: row.n)
        }
        return TableResult(
            request: request,
            rowCodes: ordered(Set(cells.map(\.row)), structure, request.rowDimension, codelists),
            columnCodes: request.columnDimension.map { ordered(Set(cells.map(\.column)), structure, $0, codelists) } ?? [TableResult.totalColumn],
            cells: cells, stockPeriod: stockPeriod, firstPeriod: first, lastPeriod: last
        )
    }

    /// The observation column of a dimension: `k1` … `k8`, never text from the request.
    private func column(for dimensionID: String, in structure: DataStructure) -> String {
        "k\((structure.position(of: dimensionID) ?? 0) + 1)"
    }

    private func filtered(_ request: TableRequest, _ structure: DataStructure, _ query: SQLSelectBuilder, stockPeriod: Period?, visibility: DataVisibility) -> SQLSelectBuilder {
        query.fromCurrentObservations(dataset: request.datasetID, visibility: visibility)
        if let start = request.startPeriod {
            query.where(SQLColumn("period_start", table: "o"), .greaterThanOrEqual, SQLBind(start.startDate))
        }
        if let end = request.endPeriod {
            query.where(SQLColumn("period_end", table: "o"), .lessThanOrEqual, SQLBind(end.endDate))
        }
        if let stockPeriod {
            query.where(SQLColumn("period", table: "o"), .equal, SQLBind(stockPeriod.formatted))
        }
        for (dimensionID, codes) in request.filters.sorted(by: { $0.key < $1.key }) where !codes.isEmpty {
            query.where(SQLColumn(column(for: dimensionID, in: structure), table: "o"), .in, SQLBind.group(codes))
        }
        return query
    }

    private func ordered(_ codes: Set<String>, _ structure: DataStructure, _ dimensionID: String, _ codelists: [String: Codelist]) -> [String] {
        guard let dimension = structure.dimensions.first(where: { $0.id == dimensionID }),
              let list = codelists[dimension.codelistID] else { return codes.sorted() }
        let known = list.codes.map(\.id).filter { codes.contains($0) }
        return known + codes.subtracting(known).sorted()
    }
}
