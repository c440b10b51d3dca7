/// One dimension of a protected cube: the codelist's tree, a node per code, with a virtual total
/// above several roots, and under every code that has children a virtual leaf "not further
/// specified" (`FOREIGN~`) that holds what was reported at that code itself. Every observation
/// then sits in a leaf and every node is exactly the sum of its children: the additive relations
/// an outsider can use against withheld cells, and all of them. Groups (SADC, UN regions) are not
/// nodes: a group is a union of codes, published only when all its parts are.
///
/// The tree is the codelist's, never the data's, so the protection of one period cannot depend on
/// which codes other periods happen to hold.
struct CubeAxis: Sendable {
    typealias Node = Int

    static let remainderSuffix = "~"
    static let virtualTotal = "*"

    let codelist: Codelist
    /// Node → code (`FOREIGN~` for a remainder leaf, `*` for the virtual total).
    private(set) var codes: [String] = []
    private(set) var parent: [Node] = []
    private(set) var children: [[Node]] = []
    private(set) var isRemainder: [Bool] = []
    /// The node of the dimension's total: its single root, or the virtual total over several.
    private(set) var top: Node = 0
    /// Node → itself and every node above it, up to `top`.
    private(set) var upward: [[Node]] = []
    /// Node → the leaves below it (itself for a leaf).
    private(set) var leaves: [[Node]] = []
    private var nodeByCode: [String: Node] = [:]
    private var remainderOf: [Node] = []

    init(codelist: Codelist) {
        self.codelist = codelist
        let tree = codelist.codes.filter { !$0.isGroup }
        let roots = tree.filter { $0.parentID == nil }
        if roots.count != 1 { top = add(Self.virtualTotal, parent: -1, remainder: false) }
        func visit(_ code: Code, under parentNode: Node) {
            let node = add(code.id, parent: parentNode, remainder: false)
            nodeByCode[code.id] = node
            let below = tree.filter { $0.parentID == code.id }
            for child in below { visit(child, under: node) }
            if !below.isEmpty { remainderOf[node] = add(code.id + Self.remainderSuffix, parent: node, remainder: true) }
        }
        for root in roots { visit(root, under: roots.count == 1 ? -1 : top) }
        if roots.count == 1 { top = nodeByCode[roots[0].id] ?? 0 }
        upward = codes.indices.map { node in
            var path = [node]
            while parent[path[path.count - 1]] >= 0 { path.append(parent[path[path.count - 1]]) }
            return path
        }
        leaves = Array(repeating: [], count: codes.count)
        for node in codes.indices where children[node].isEmpty {
            for above in upward[node] { leaves[above].append(node) }
        }
    }

    private mutating func add(_ code: String, parent node: Node, remainder: Bool) -> Node {
        let id = codes.count
        codes.append(code)
        parent.append(node)
        children.append([])
        isRemainder.append(remainder)
        remainderOf.append(-1)
        if node >= 0 { children[node].append(id) }
        return id
    }

    var count: Int { codes.count }

    /// The node of a code of the tree (not a group), or nil.
    func node(_ code: String) -> Node? { nodeByCode[code] }

    /// Where data reported at `code` lives: the code itself when it is a leaf, else its
    /// "not further specified" leaf.
    func dataNode(_ code: String) -> Node? {
        guard let node = nodeByCode[code] else { return nil }
        return remainderOf[node] >= 0 ? remainderOf[node] : node
    }

    /// The remainder leaf of a node, or nil when the node has no children.
    func remainder(of node: Node) -> Node? { remainderOf[node] >= 0 ? remainderOf[node] : nil }

    func isLeaf(_ node: Node) -> Bool { children[node].isEmpty }

    /// Whether `ancestor` is `node` or above it.
    func contains(_ ancestor: Node, _ node: Node) -> Bool { upward[node].contains(ancestor) }

    /// The tree nodes a code stands for, none inside another: the code itself, or a group's
    /// members (and for a member group, its members), reduced to the outermost.
    func nodes(for code: String) -> [Node] {
        if let node = nodeByCode[code] { return [node] }
        guard let group = codelist[code], group.isGroup else { return [] }
        return outermost(group.memberIDs.flatMap(nodes(for:)))
    }

    /// Of `nodes`, those not below another of them, once each, in tree order.
    func outermost(_ nodes: [Node]) -> [Node] {
        let set = Set(nodes)
        return set.filter { node in !upward[node].dropFirst().contains(where: set.contains) }.sorted()
    }
}
