/// The cells of one period of a protected cube: every combination of nodes (one per dimension)
/// that holds data, with its value, and which of them are withheld.
///
/// Built from the period's observations as "atoms": each observation sits at its data node in
/// every dimension (a leaf, or the "not further specified" leaf of an aggregate code) and adds
/// its weight to every cell above it. When an observation is an aggregate of others of the same
/// period (`FOREIGN` beside `ZAF`), its weight is its value less what those others already put
/// below it, so every cell has the value the table builder gives it — a reported aggregate wins
/// over its own detail — and every node is the sum of its children.
struct PeriodCells: Sendable {
    var values: [CellKey: Double] = [:]
    var withheld: Set<CellKey> = []
    /// Each atom: its key (a leaf in every dimension) and weight.
    var atoms: [CellKey: Double] = [:]

    struct Entry {
        var codes: [String]
        var value: Double
    }

    /// The cells of one period's entries; entries with a code outside the trees are left out and
    /// returned, so the caller can say so.
    static func build(_ entries: [Entry], axes: [CubeAxis]) -> (cells: PeriodCells, unplaced: [Entry]) {
        var unplaced: [Entry] = []
        var real: [(key: [Int], data: CellKey, value: Double)] = []
        real.reserveCapacity(entries.count)
        var aggregated = false
        for entry in entries {
            var nodes: [Int] = []
            var data = CellKey()
            var ok = entry.codes.count == axes.count
            for (axis, code) in entry.codes.enumerated() where ok {
                guard let node = axes[axis].node(code), let leaf = axes[axis].dataNode(code) else { ok = false; break }
                nodes.append(node)
                data[axis] = leaf
                if leaf != node { aggregated = true }
            }
            if ok { real.append((nodes, data, entry.value)) } else { unplaced.append(entry) }
        }
        var cells = PeriodCells()
        let weights = aggregated ? Self.weights(real, axes: axes) : real.map(\.value)
        for (index, item) in real.enumerated() {
            cells.atoms[item.data, default: 0] += weights[index]
        }
        cells.values.reserveCapacity(cells.atoms.count * 8)
        let upward = axes.map(\.upward)
        for (atom, weight) in cells.atoms {
            var key = atom
            func spread(_ axis: Int) {
                if axis == axes.count { cells.values[key, default: 0] += weight; return }
                for node in upward[axis][atom[axis]] {
                    key[axis] = node
                    spread(axis + 1)
                }
            }
            spread(0)
        }
        return (cells, unplaced)
    }

    /// Weights for entries of which some are aggregates of others: each entry's value less the
    /// weights of the entries it covers (below or equal in every dimension), deepest first.
    private static func weights(_ real: [(key: [Int], data: CellKey, value: Double)], axes: [CubeAxis]) -> [Double] {
        var index: [[Int]: Int] = [:]
        for (i, item) in real.enumerated() { index[item.key] = i }
        var covered: [[Int]] = Array(repeating: [], count: real.count)  // entry → entries it covers
        for (i, item) in real.enumerated() {
            var key = item.key
            func climb(_ axis: Int, strict: Bool) {
                if axis == key.count {
                    if strict, let j = index[key], j != i { covered[j].append(i) }
                    return
                }
                for (step, node) in axes[axis].upward[item.key[axis]].enumerated() {
                    key[axis] = node
                    climb(axis + 1, strict: strict || step > 0)
                }
                key[axis] = item.key[axis]
            }
            climb(0, strict: false)
        }
        let depth = real.map { item in item.key.enumerated().reduce(0) { $0 + axes[$1.offset].upward[$1.element].count } }
        var weights = real.map(\.value)
        for i in real.indices.sorted(by: { depth[$0] > depth[$1] }) {
            weights[i] = real[i].value - covered[i].reduce(0) { $0 + weights[$1] }
        }
        return weights
    }

    /// The value of a cell; 0 when it holds no data.
    func value(_ key: CellKey) -> Double { values[key] ?? 0 }
}
