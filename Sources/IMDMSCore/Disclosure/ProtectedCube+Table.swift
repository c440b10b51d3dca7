/// A table from the protected cube, laid out as `QueryEngine` lays it out (the same axis codes,
/// subtotals and margins), every number the sum of cube cells and withheld when any of them is.
extension ProtectedCube {
    /// The cells one output cell adds up: per dimension a set of nodes, and the periods.
    struct Selection {
        var nodes: [[Int]]
        var periods: [Period]
    }

    public func table(_ request: TableRequest) -> TableResult {
        let time = TimeSelection(cube: self, request: request)
        let rowIsTime = request.rowDimension == TableRequest.timeDimension
        let columnIsTime = request.columnDimension == TableRequest.timeDimension
        let timeOnAxis = rowIsTime || columnIsTime
        // Every dimension at its filter (or its total), time at the whole range.
        var base = Selection(nodes: axes.indices.map { _ in [] }, periods: timeOnAxis ? time.marginParts : time.overallParts)
        for (index, dimension) in structure.dimensions.enumerated() {
            base.nodes[index] = filterNodes(request, dimension.id, index) ?? [axes[index].top]
        }
        let rowItems = axisItems(request.rowDimension, explicit: request.rowCodes, request: request, base: base, time: time)
        let columnItems = request.columnDimension.map { axisItems($0, explicit: request.columnCodes, request: request, base: base, time: time) }
        let hasColumns = columnItems != nil
        func item(_ dimension: String?, _ item: AxisEntry?) -> (Selection) -> Selection {
            { selection in
                var copy = selection
                guard let dimension, let item else { return copy }
                if dimension == TableRequest.timeDimension { copy.periods = item.periods } else if let index = structure.position(of: dimension) { copy.nodes[index] = item.nodes }
                return copy
            }
        }
        func cell(_ row: String, _ column: String, _ selection: Selection) -> TableResult.Cell? {
            guard let sum = self.sum(selection) else { return nil }
            return TableResult.Cell(row: row, column: column, value: sum.withheld ? nil : sum.value, observationCount: sum.parts,
                                    confidentiality: sum.withheld ? .confidential : .free)
        }
        let total = TableResult.totalCode
        var cells: [TableResult.Cell] = []
        var rowTotals: [String: TableResult.Cell] = [:]
        for row in rowItems {
            let atRow = item(request.rowDimension, row)(base)
            if let columnItems {
                for column in columnItems {
                    if let c = cell(row.code, column.code, item(request.columnDimension, column)(atRow)) { cells.append(c) }
                }
                if let c = cell(row.code, total, atRow) { rowTotals[row.code] = c }
            } else if let c = cell(row.code, TableResult.totalColumn, atRow) {
                cells.append(c)
                rowTotals[row.code] = TableResult.Cell(row: row.code, column: total, value: c.value, observationCount: c.observationCount, confidentiality: c.confidentiality)
            }
        }
        var columnTotals: [String: TableResult.Cell] = [:]
        let grand = cell(total, total, base)
        for column in columnItems ?? [AxisEntry(code: TableResult.totalColumn, depth: 0, nodes: [], periods: [])] {
            let selection = hasColumns ? item(request.columnDimension, column)(base) : base
            if let c = cell(total, column.code, selection) { columnTotals[column.code] = c }
        }
        let present = time.natives.filter { sum(Selection(nodes: base.nodes, periods: [$0])) != nil }
        return TableResult(
            request: request, rows: rowItems.map(\.axisItem), columns: (columnItems ?? [AxisEntry(code: TableResult.totalColumn, depth: 0, nodes: [], periods: [])]).map(\.axisItem),
            cells: cells, rowTotals: rowTotals, columnTotals: columnTotals, grand: grand,
            stockPeriod: isStock && !timeOnAxis ? time.targets.last : nil, firstPeriod: present.first, lastPeriod: present.last)
    }

    /// One code (or group, or period) on an axis with the cells it stands for.
    struct AxisEntry {
        var code: String
        var depth: Int
        var nodes: [Int]
        var periods: [Period]
        var axisItem: TableResult.AxisItem { TableResult.AxisItem(code: code, depth: depth) }
    }

    /// The nodes a filter on a dimension keeps, none inside another; nil without a filter.
    func filterNodes(_ request: TableRequest, _ dimensionID: String, _ index: Int) -> [Int]? {
        guard let codes = request.filters[dimensionID], !codes.isEmpty else { return nil }
        return axes[index].outermost(codes.flatMap { axes[index].nodes(for: $0) })
    }

    /// The codes on an axis: as asked; time's periods; else the codes that hold data (for a
    /// filtered dimension only those, else with the subtotals above them), as the engine shows them.
    func axisItems(_ dimensionID: String, explicit: [String]?, request: TableRequest, base: Selection, time: TimeSelection) -> [AxisEntry] {
        if dimensionID == TableRequest.timeDimension {
            return time.targets.map { AxisEntry(code: $0.formatted, depth: 0, nodes: [], periods: time.parts[$0] ?? []) }
        }
        guard let index = structure.position(of: dimensionID) else { return [] }
        let axis = axes[index]
        if let explicit { return explicit.map { AxisEntry(code: $0, depth: 0, nodes: axis.nodes(for: $0), periods: []) } }
        let within = base.nodes[index]
        var reported = Set<String>()
        for node in 0..<axis.count where !axis.isRemainder[node] && axis.codes[node] != CubeAxis.virtualTotal {
            guard within.contains(where: { axis.contains($0, node) }) else { continue }
            let dataNode = axis.remainder(of: node) ?? node
            var probe = base
            probe.nodes[index] = [dataNode]
            if sum(probe) != nil { reported.insert(axis.codes[node]) }
        }
        let hierarchy = CodeHierarchy(axis.codelist)
        let items = request.filters[dimensionID]?.isEmpty == false
            ? hierarchy.ordered(Array(reported)).map { TableResult.AxisItem(code: $0, depth: 0) }
            : hierarchy.axis(for: reported)
        return items.map { AxisEntry(code: $0.code, depth: $0.depth, nodes: axis.nodes(for: $0.code), periods: []) }
    }

    /// The sum of a selection's cells, how many hold data, and whether any is withheld; nil when
    /// none holds data.
    func sum(_ selection: Selection) -> (value: Double, withheld: Bool, parts: Int)? {
        var value = 0.0, withheld = false, parts = 0
        for period in selection.periods {
            guard let cells = periods[period] else { continue }
            var key = CellKey()
            func walk(_ axis: Int) {
                if axis == selection.nodes.count {
                    if let v = cells.values[key] {
                        value += v
                        parts += 1
                        if cells.withheld.contains(key) { withheld = true }
                    }
                    return
                }
                for node in selection.nodes[axis] {
                    key[axis] = node
                    walk(axis + 1)
                }
            }
            walk(0)
        }
        return parts > 0 ? (value, withheld, parts) : nil
    }
}
