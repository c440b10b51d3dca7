extension ProtectedCube {
    /// Counts for measurements: cells, withheld and primary cells, and per number of dimensions
    /// below their total (0: grand totals, 1: one-way margins, all: full keys) how many cells of
    /// the dataset's own periods are published out of how many.
    public struct Statistics: Sendable {
        public var cells = 0, withheld = 0, primary = 0
        public var byDetail: [Int: (published: Int, all: Int)] = [:]
        public func published(_ detail: Int) -> String {
            guard let entry = byDetail[detail] else { return "–" }
            return "\(entry.published)/\(entry.all)"
        }
    }

    public func statistics() -> Statistics {
        var result = Statistics()
        for (period, cells) in periods {
            result.cells += cells.values.count
            result.withheld += cells.withheld.count
            guard period.frequency == structure.frequency else { continue }
            for (key, value) in cells.values {
                if threshold > 1 && value > 0 && value < Double(threshold) { result.primary += 1 }
                if axes.indices.contains(where: { axes[$0].isRemainder[key[$0]] }) { continue }
                let detail = axes.indices.filter { key[$0] != axes[$0].top }.count
                var entry = result.byDetail[detail] ?? (0, 0)
                entry.all += 1
                if !cells.withheld.contains(key) { entry.published += 1 }
                result.byDetail[detail] = entry
            }
        }
        return result
    }
}
