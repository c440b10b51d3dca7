import Crypto
import Foundation

/// Every cell the public can ask of one dataset — each dimension at every level of its code
/// hierarchy with its total, each period the dataset has and, for flows, the quarters and years
/// above them — with its value and whether it is withheld. Every public output of the dataset
/// (tables, downloads, the JSON API, reports, SDMX) reads from it, so one cell has one published
/// value or one withheld status everywhere; an aggregate that is not a cell (several codes, a group,
/// a custom period range) is the sum of cells and published only when all of them are.
///
/// Withheld are: cells with a value above 0 and below the threshold, and every cell of a value a
/// producer sent as confidential (primary); then, per period of the dataset's own frequency, the
/// corners of a hypercube for each primary (`HypercubeSearch`), and the same cells in the quarter
/// and year above it, so that no combination of published cells fixes a primary value. A period's
/// protection depends only on that period's data: adding a month never changes what an earlier
/// month shows. See docs/DECISIONS.md D39 for the guarantee.
public struct ProtectedCube: Sendable {
    public let structure: DataStructure
    public let threshold: Int
    let axes: [CubeAxis]
    /// Every period that holds data, with its cells.
    private(set) var periods: [Period: PeriodCells] = [:]
    /// The dataset's own periods, each with a digest of its data (to reuse its protection).
    private(set) var digests: [Period: SHA256Digest] = [:]
    /// Observations with a code outside the codelists' trees (a group code as data), left out.
    public private(set) var unplaced = 0
    /// The atoms (`CODE.CODE@PERIOD`, at their data nodes) of values sent as confidential.
    private(set) var confidentialAtoms: Set<String> = []
    /// Primary cells that only a hypercube in a coarser period could protect (never with
    /// non-negative data); withheld with their paths to every total.
    public private(set) var coarseFallbacks = 0

    public var isStock: Bool { structure.measure.kind == .stock }

    /// `previous`: the cube of the same dataset before the data changed; periods whose data is
    /// unchanged keep its cells and protection.
    public init(structure: DataStructure, codelists: [String: Codelist], threshold: Int, observations: [Observation], previous: ProtectedCube? = nil) {
        self.structure = structure
        self.threshold = threshold
        axes = structure.dimensions.map { CubeAxis(codelist: codelists[$0.codelistID] ?? Self.emptyCodelist) }
        var byPeriod: [Period: [Observation]] = [:]
        for observation in observations where observation.value != nil && observation.period.frequency == structure.frequency {
            byPeriod[observation.period, default: []].append(observation)
        }
        let reusable = previous.flatMap { $0.structure == structure && $0.threshold == threshold ? $0 : nil }
        // Periods are independent: protected in parallel, each a pure function of its own data.
        let work = Array(byPeriod)
        let axes = self.axes, measure = structure.measure
        let results = ParallelMap.map(work) { period, list -> (SHA256Digest, Protected?) in
            let sorted = list.map { ($0.seriesKey, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
            let digest = Self.digest(sorted)
            if let reusable, reusable.digests[period] == digest, reusable.periods[period] != nil { return (digest, nil) }
            return (digest, Self.protect(sorted, axes: axes, threshold: threshold, isCount: measure.isCount))
        }
        for ((period, _), (digest, made)) in zip(work, results) {
            digests[period] = digest
            if let made {
                periods[period] = made.cells
                unplaced += made.unplaced
                confidentialAtoms.formUnion(made.confidentialAtoms)
            } else {
                periods[period] = reusable?.periods[period]
            }
        }
        if !isStock { rollUp() }
    }

    /// One period's protection and what it found on the way.
    struct Protected: Sendable {
        var cells: PeriodCells
        var unplaced: Int
        var confidentialAtoms: Set<String>
    }

    static let emptyCodelist = (try? Codelist(id: "CL_EMPTY", name: "", codes: [])) ?? { fatalError("an empty codelist is valid") }()

    /// One period of the dataset's own frequency: its cells, primaries and hypercubes.
    static func protect(_ observations: [Observation], axes: [CubeAxis], threshold: Int, isCount: Bool) -> Protected {
        let entries = observations.map { PeriodCells.Entry(codes: $0.key, value: $0.value ?? 0) }
        var (cells, left) = PeriodCells.build(entries, axes: axes)
        var primaries = Set<CellKey>()
        var confidentialAtoms = Set<String>()
        if threshold > 1 {
            for (key, value) in cells.values where value > 0 && value < Double(threshold) { primaries.insert(key) }
        }
        for observation in observations where observation.confidentiality != .free {
            if let key = realKey(observation.key, axes: axes) { primaries.insert(key) }
            let atom = observation.key.enumerated().map { axis, code in
                let tree = axes[axis]
                return tree.dataNode(code).map { tree.codes[$0] } ?? code
            }
            confidentialAtoms.insert(atom.joined(separator: ".") + "@" + observation.period.formatted)
        }
        if !primaries.isEmpty {
            var search = HypercubeSearch(axes: axes, values: cells.values, atoms: cells.atoms, isCount: isCount)
            let tops = { (key: CellKey) in axes.indices.filter { key[$0] == axes[$0].top }.count }
            // Cells with more dimensions at their total first: their hypercubes often protect those below.
            for primary in primaries.sorted(by: { (tops($0), $1) > (tops($1), $0) }) { search.protect(primary) }
            cells.withheld = search.withheld
        }
        return Protected(cells: cells, unplaced: left.count, confidentialAtoms: confidentialAtoms)
    }

    /// The cell of a full key as stored (its codes' own nodes), or nil outside the trees.
    func realKey(_ codes: [String]) -> CellKey? { Self.realKey(codes, axes: axes) }

    static func realKey(_ codes: [String], axes: [CubeAxis]) -> CellKey? {
        guard codes.count == axes.count else { return nil }
        var key = CellKey()
        for (axis, code) in codes.enumerated() {
            guard let node = axes[axis].node(code) else { return nil }
            key[axis] = node
        }
        return key
    }

    /// For flows: the quarters and years above the dataset's periods, each cell the sum of its
    /// periods' cells and withheld where any of them is. A primary cell there always has a
    /// primary below it whose hypercube reaches it; should one not (negative values), it is
    /// withheld with its paths to every total in a period below that holds it.
    private mutating func rollUp() {
        let native = periods
        for (period, cells) in native {
            for frequency in Frequency.allCases where frequency < structure.frequency {
                guard let coarse = period.converted(to: frequency) else { continue }
                // In place: a copy of the coarse period's cells per month would be quadratic.
                for (key, value) in cells.values { periods[coarse, default: PeriodCells()].values[key, default: 0] += value }
                periods[coarse, default: PeriodCells()].withheld.formUnion(cells.withheld)
            }
        }
        guard threshold > 1 else { return }
        for (period, cells) in periods where period.frequency < structure.frequency {
            for (key, value) in cells.values where value > 0 && value < Double(threshold) && !cells.withheld.contains(key) {
                coarseFallbacks += 1
                guard let below = native.keys.filter({ period.contains($0) && native[$0]?.values[key] != nil }).min() else { continue }
                let search = HypercubeSearch(axes: axes, values: native[below]!.values, isCount: structure.measure.isCount)
                let anchor = search.anchorLeaves(key)
                let paths = axes.indices.map { HypercubeSearch.Vector(nodes: axes[$0].upward[anchor[$0]], signs: axes[$0].upward[anchor[$0]].map { _ in 1 }) }
                search.forEachCorner(paths, primary: key) { corner, _ in
                    for frequency in Frequency.allCases where frequency <= structure.frequency {
                        if let at = below.converted(to: frequency), periods[at]?.values[corner] != nil { periods[at]?.withheld.insert(corner) }
                    }
                }
            }
        }
    }

    static func digest(_ observations: [Observation]) -> SHA256Digest {
        var hasher = SHA256()
        for o in observations {
            hasher.update(data: Data("\(o.seriesKey)\u{1}\(o.value ?? 0)\u{1}\(o.confidentiality.rawValue)\u{2}".utf8))
        }
        return hasher.finalize()
    }

    // MARK: Reading

    /// The periods that hold data at a frequency, in order.
    public func periods(at frequency: Frequency) -> [Period] {
        periods.keys.filter { $0.frequency == frequency }.sorted()
    }

    /// A stored observation's cell: its published value, or nil and `true` when withheld.
    public func observation(_ codes: [String], period: Period) -> (value: Double?, withheld: Bool) {
        guard let key = realKey(codes), let cells = periods[period], let value = cells.values[key] else { return (nil, false) }
        return cells.withheld.contains(key) ? (nil, true) : (value, false)
    }

    /// How many cells the cube holds and withholds (for measurements).
    public var size: (cells: Int, withheld: Int) {
        periods.values.reduce((0, 0)) { ($0.0 + $1.values.count, $0.1 + $1.withheld.count) }
    }
}
