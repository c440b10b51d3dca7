/// Where a hypercube's vectors come from: paths from leaves below the primary to each
/// dimension's total, differences of two such paths, and single-pair hypercubes built from a
/// strong leaf-level cell beside the primary.
extension HypercubeSearch {
    /// The path from a leaf to its dimension's total, all with sign +1.
    func path(from leaf: Int, axis: Int) -> Vector {
        let up = axes[axis].upward[leaf]
        return Vector(nodes: up, signs: Array(repeating: 1, count: up.count))
    }

    /// Hypercubes with a pair in one dimension only, built from a leaf-level cell that differs
    /// from the primary in that dimension alone and is at least 2 (at least the floor + 1): every
    /// corner on its side is an aggregate of it, so that side alone keeps the primary's range open.
    /// Nearest in the tree and largest first; at most `limit`.
    func pairSeeds(_ primary: CellKey, limit: Int = 24) -> [[Vector]] {
        let strong = isCount ? 2.0 : Double.leastNonzeroMagnitude
        var found: [(depth: Int, value: Double, axis: Int, atom: CellKey)] = []
        for (atom, value) in atoms where value >= strong {
            var outside = -1
            var single = true
            for axis in axes.indices where !axes[axis].contains(primary[axis], atom[axis]) {
                if outside >= 0 { single = false; break }
                outside = axis
            }
            guard single, outside >= 0 else { continue }
            let meet = axes[outside].upward[primary[outside]].first { axes[outside].contains($0, atom[outside]) } ?? axes[outside].top
            found.append((axes[outside].upward[meet].count, value, outside, atom))
        }
        found.sort { ($0.depth, $0.value, $1.atom) > ($1.depth, $1.value, $0.atom) }
        return found.prefix(limit).compactMap { seed in
            let k = seed.axis, tree = axes[k]
            // The leaf on the primary's side: the one below it with the largest value beside the seed's other codes.
            var bestLeaf = -1, bestValue = -Double.infinity
            for leaf in tree.leaves[primary[k]] {
                if let value = values[seed.atom.with(k, leaf)], value > bestValue { bestLeaf = leaf; bestValue = value }
            }
            guard bestLeaf >= 0 else { return nil }
            let meet = tree.upward[primary[k]].first { tree.contains($0, seed.atom[k]) } ?? tree.top
            let mine = Array(tree.upward[bestLeaf].prefix { $0 != meet })
            let theirs = Array(tree.upward[seed.atom[k]].prefix { $0 != meet })
            return axes.indices.map { axis in
                axis == k ? Vector(nodes: mine + theirs, signs: Array(repeating: 1, count: mine.count) + Array(repeating: -1, count: theirs.count))
                    : path(from: seed.atom[axis], axis: axis)
            }
        }
    }

    /// A leaf in every dimension below `primary` that holds data: down each dimension in turn,
    /// always to the child with the largest value.
    func anchorLeaves(_ primary: CellKey) -> CellKey {
        var key = primary
        for axis in axes.indices {
            while !axes[axis].isLeaf(key[axis]) {
                var bestChild = -1
                var bestValue = -Double.infinity
                for child in axes[axis].children[key[axis]] {
                    if let value = values[key.with(axis, child)], value > bestValue { bestChild = child; bestValue = value }
                }
                guard bestChild >= 0 else { break }
                key[axis] = bestChild
            }
        }
        return key
    }

    /// One dimension's candidate vectors through the primary's node: for the anchor leaf and the
    /// two largest other leaves below it, the path to the total, then differences with leaves
    /// outside the node, nearest in the tree first and the largest first.
    func candidatesVectors(_ axis: Int, primary: CellKey, anchor: Int) -> [Vector] {
        let tree = axes[axis]
        let node = primary[axis]
        func slice(_ n: Int) -> Double? { values[primary.with(axis, n)] }
        let larger = tree.leaves[node].filter { $0 != anchor && (slice($0) ?? 0) > 0 }
            .sorted { (slice($0) ?? 0, -$0) > (slice($1) ?? 0, -$1) }
        var result: [Vector] = []
        for start in [anchor] + larger.prefix(2) {
            let up = tree.upward[start]
            result.append(Vector(nodes: up, signs: Array(repeating: 1, count: up.count)))
            var inner = node
            var partners = 0
            while tree.parent[inner] >= 0 && partners < 6 {
                let meet = tree.parent[inner]
                var options: [(leaf: Int, value: Double)] = []
                for child in tree.children[meet] where child != inner {
                    for leaf in tree.leaves[child] { if let value = slice(leaf), usable(value) { options.append((leaf, value)) } }
                }
                options.sort { ($0.value, -$0.leaf) > ($1.value, -$1.leaf) }
                let mine = Array(up.prefix { $0 != meet })
                for option in options.prefix(6 - partners) {
                    let theirs = Array(tree.upward[option.leaf].prefix { $0 != meet })
                    result.append(Vector(nodes: mine + theirs, signs: Array(repeating: 1, count: mine.count) + Array(repeating: -1, count: theirs.count)))
                }
                partners += min(options.count, 6 - partners)
                inner = meet
            }
        }
        return result
    }
}
