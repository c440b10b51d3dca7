/// The place of a cell in a protected cube: one node per dimension (16 bits each, at most eight
/// dimensions), packed into two words so that millions of cells hash and compare cheaply.
struct CellKey: Hashable, Sendable, Comparable {
    var lo: UInt64 = 0
    var hi: UInt64 = 0

    subscript(axis: Int) -> Int {
        get {
            let word = axis < 4 ? lo : hi
            return Int((word >> UInt64(16 * (axis & 3))) & 0xFFFF)
        }
        set {
            let shift = UInt64(16 * (axis & 3))
            let cleared = ~(UInt64(0xFFFF) << shift)
            let bits = UInt64(newValue & 0xFFFF) << shift
            if axis < 4 { lo = (lo & cleared) | bits } else { hi = (hi & cleared) | bits }
        }
    }

    /// The same key with one dimension's node replaced.
    func with(_ axis: Int, _ node: Int) -> CellKey {
        var copy = self
        copy[axis] = node
        return copy
    }

    init() {}

    init(_ nodes: [Int]) {
        for (axis, node) in nodes.enumerated() { self[axis] = node }
    }

    static func < (a: CellKey, b: CellKey) -> Bool { (a.hi, a.lo) < (b.hi, b.lo) }
}
