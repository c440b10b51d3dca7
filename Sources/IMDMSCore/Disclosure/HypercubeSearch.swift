/// Secondary suppression by hypercubes, the method tau-Argus (GHMITER) uses for large
/// hierarchical tables, over one period of a protected cube.
///
/// A hypercube for a primary cell is one additive vector per dimension — a path from a leaf under
/// the cell up to the dimension's total, or the difference of two such paths that meet below the
/// total — multiplied out; its corners carry signs. Adding ε times it to the cube changes no cell
/// outside the corners and keeps every node the sum of its children, so once every corner is
/// withheld, an outsider who knows every published cell and every relation still cannot tell the
/// primary value from the value ± ε: its feasible range is at least
/// [v − (min same-sign corner), v + (min opposite-sign corner)], since withheld cells are only
/// known to be at least 0 (reported zeros may be corners; empty cells, which hold no observation,
/// never are). A hypercube is accepted only when that range is more than one point. An outsider
/// may also guess that a withheld count is at least 1, and be right where the hypercube has no
/// zero corner: a hypercube whose range survives that guess too (one side at least 2) is taken
/// whenever one exists that does not withhold the grand total.
struct HypercubeSearch {
    let axes: [CubeAxis]
    let values: [CellKey: Double]
    /// The period's leaf-level cells (its atoms) and their values.
    let atoms: [CellKey: Double]
    let isCount: Bool
    private(set) var withheld: Set<CellKey>
    /// The corners of hypercubes whose range was checked: each of these moves with its hypercube
    /// (`covered`: even if no withheld count were 0; `weaklyCovered`: otherwise).
    private(set) var covered: Set<CellKey> = []
    private(set) var weaklyCovered: Set<CellKey> = []

    /// One dimension's part of a hypercube: nodes with their signs (+1 or −1).
    struct Vector: Equatable {
        var nodes: [Int]
        var signs: [Int]
    }

    struct Outcome {
        var cost: Double
        var feasible: Bool
        /// Whether the range stays open even if no withheld count were 0.
        var robust = false
    }

    /// Every cell's place in `cellValue`, `cellWeight` and `cellWithheld`: one hash lookup per
    /// corner in the search's innermost loop.
    private let slot: [CellKey: Int]
    private let cellValue: [Double]
    private let cellWeight: [Double]
    private var cellWithheld: [Bool]

    init(axes: [CubeAxis], values: [CellKey: Double], atoms: [CellKey: Double] = [:], isCount: Bool, withheld: Set<CellKey> = []) {
        self.axes = axes
        self.values = values
        self.atoms = atoms
        var slot: [CellKey: Int] = [:]
        slot.reserveCapacity(values.count)
        var cellValue: [Double] = [], cellWeight: [Double] = [], cellWithheld: [Bool] = []
        cellValue.reserveCapacity(values.count)
        cellWeight.reserveCapacity(values.count)
        cellWithheld.reserveCapacity(values.count)
        for (key, value) in values {
            slot[key] = cellValue.count
            cellValue.append(value)
            cellWeight.append(Self.weight(key, value, axes: axes))
            cellWithheld.append(withheld.contains(key))
        }
        self.slot = slot
        self.cellValue = cellValue
        self.cellWeight = cellWeight
        self.cellWithheld = cellWithheld
        self.guessPenalty = 8 * Self.levelCost[max(0, min(axes.count - 1, Self.levelCost.count - 1))]
        self.isCount = isCount
        self.withheld = withheld
    }

    /// The extra cost of a hypercube whose range the guess "no withheld count is 0" would close:
    /// that of withholding a few one-way margins, so a robust hypercube is taken unless it needs
    /// the grand total or several one-way margins.
    let guessPenalty: Double

    /// Whether a cell may be a corner: it holds data (a reported zero too), never negative.
    func usable(_ value: Double?) -> Bool {
        guard let value else { return false }
        return value >= 0
    }

    /// Withholds `primary` with the cheapest hypercube found, unless a hypercube already chosen
    /// has it as a corner (then it moves with that one and is protected already).
    mutating func protect(_ primary: CellKey) {
        guard !covered.contains(primary) else { return }
        let anchor = anchorLeaves(primary)
        // Starts: the paths to every total (always usable), and the cheapest hypercubes with one
        // pair whose far side is strong enough by itself; each improved by steepest descent.
        let allPaths = axes.indices.map { path(from: anchor[$0], axis: $0) }
        let seeds = pairSeeds(primary).map { ($0, evaluate($0, primary: primary, bound: .infinity)) }
            .filter(\.1.feasible).sorted { $0.1.cost < $1.1.cost }.prefix(3).map(\.0)
        var best = descend(from: allPaths, primary: primary)
        for seed in seeds {
            let found = descend(from: seed, primary: primary)
            if found.outcome.feasible && (!best.outcome.feasible || found.outcome.cost < best.outcome.cost) { best = found }
        }
        // A primary already moving with a hypercube is left as it is unless a robust one is found;
        // one no hypercube protects (a confidential zero) is withheld with the paths to every total.
        if weaklyCovered.contains(primary) && !best.outcome.robust { return }
        forEachCorner(best.vectors, primary: primary) { key, _ in
            withheld.insert(key)
            if let at = slot[key] { cellWithheld[at] = true }
            if best.outcome.feasible { best.outcome.robust ? covered.insert(key) : weaklyCovered.insert(key) }
        }
    }

    /// Steepest descent from `start`: each step takes the one change of one dimension's vector
    /// that lowers the cost most (a first-found change can block better ones that follow).
    func descend(from start: [Vector], primary: CellKey) -> (vectors: [Vector], outcome: Outcome) {
        var choice = start
        var best = evaluate(choice, primary: primary, bound: .infinity)
        let candidates = axes.indices.map { axis in
            candidatesVectors(axis, primary: primary, anchor: start[axis].nodes[0]).filter { $0 != start[axis] }
        }
        var steps = 0
        while best.feasible && steps < 2 * axes.count {
            steps += 1
            var next: (axis: Int, vector: Vector, outcome: Outcome)?
            for axis in axes.indices {
                for candidate in candidates[axis] + [start[axis]] where candidate != choice[axis] {
                    var trial = choice
                    trial[axis] = candidate
                    let outcome = evaluate(trial, primary: primary, bound: next?.outcome.cost ?? best.cost)
                    if outcome.feasible && outcome.cost < (next?.outcome.cost ?? best.cost) { next = (axis, candidate, outcome) }
                }
            }
            guard let next else { break }
            choice[next.axis] = next.vector
            best = next.outcome
        }
        return (choice, best)
    }

    /// The cost of withholding the corners not yet withheld, and whether every corner is usable
    /// and the primary's range more than one point. Stops early once the cost reaches `bound`.
    func evaluate(_ vectors: [Vector], primary: CellKey, bound: Double) -> Outcome {
        // An odometer over the corners (no closure: this is the innermost loop of the search).
        let count = vectors.count
        var digit = [Int](repeating: 0, count: count)
        var key = primary
        for axis in 0..<count { key[axis] = vectors[axis].nodes[0] }
        var cost = 0.0
        var minSame = Double.infinity, minOpposite = Double.infinity
        while true {
            guard let at = slot[key], cellValue[at] >= 0 else { return Outcome(cost: cost, feasible: false) }
            let value = cellValue[at]
            var sign = 1
            for axis in 0..<count { sign *= vectors[axis].signs[digit[axis]] }
            if sign > 0 { minSame = min(minSame, value) } else { minOpposite = min(minOpposite, value) }
            if !cellWithheld[at] {
                cost += cellWeight[at]
                if cost >= bound { return Outcome(cost: cost, feasible: false) }
            }
            var axis = count - 1
            while axis >= 0 {
                digit[axis] += 1
                if digit[axis] < vectors[axis].nodes.count { key[axis] = vectors[axis].nodes[digit[axis]]; break }
                digit[axis] = 0
                key[axis] = vectors[axis].nodes[0]
                axis -= 1
            }
            if axis < 0 { break }
        }
        guard minSame > 0 || minOpposite > 0 else { return Outcome(cost: cost, feasible: false) }
        let robust = !isCount || minSame > 1 || minOpposite > 1
        if !robust { cost += guessPenalty }
        return Outcome(cost: cost, feasible: cost < bound, robust: robust)
    }

    /// Per number of dimensions at their total: a margin costs as much as sixteen cells one level
    /// below it, so totals are withheld only when nothing below will do.
    static let levelCost: [Double] = (0...8).map { pow16($0) }
    static func pow16(_ n: Int) -> Double { (0..<n).reduce(1.0) { acc, _ in acc * 16 } }

    /// What withholding a cell costs readers: more for larger values and far more for totals;
    /// little for a "not further specified" cell, which no table shows.
    static func weight(_ key: CellKey, _ value: Double, axes: [CubeAxis]) -> Double {
        var tops = 0
        var hidden = false
        for axis in axes.indices {
            if key[axis] == axes[axis].top { tops += 1 }
            if axes[axis].isRemainder[key[axis]] { hidden = true }
        }
        return (1 + max(0, value).squareRoot()) * Self.levelCost[min(tops, Self.levelCost.count - 1)] * (hidden ? 0.25 : 1)
    }

    func forEachCorner(_ vectors: [Vector], primary: CellKey, _ body: (CellKey, Int) -> Void) {
        var key = primary
        func walk(_ axis: Int, _ sign: Int) {
            if axis == vectors.count { body(key, sign); return }
            let vector = vectors[axis]
            for index in vector.nodes.indices {
                key[axis] = vector.nodes[index]
                walk(axis + 1, sign * vector.signs[index])
            }
        }
        walk(0, 1)
    }
}
