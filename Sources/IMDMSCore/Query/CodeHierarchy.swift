/// A codelist's hierarchy prepared for aggregation: a reported aggregate wins over the sum of its
/// detail, and detail is summed only where no aggregate was reported, so data that mixes levels
/// (one producer reports countries, another only "foreign") is never counted twice.
public struct CodeHierarchy: Sendable {
    public let codelist: Codelist
    private let children: [String: [String]]
    private let order: [String: Int]

    public init(_ codelist: Codelist) {
        self.codelist = codelist
        var children: [String: [String]] = [:]
        var order: [String: Int] = [:]
        for (index, code) in codelist.codes.enumerated() {
            order[code.id] = index
            if let parent = code.parentID { children[parent, default: []].append(code.id) }
        }
        self.children = children
        self.order = order
    }

    /// The tree's roots (`WORLD`, `_T`), group codes excluded.
    public var roots: [String] { codelist.roots.map(\.id) }

    /// The value of `code` from the values reported for one slice of the other dimensions: its own
    /// value when reported, otherwise the sum over its children (a group: its members) that have
    /// one; nil when nothing below it was reported.
    public func resolve(_ code: String, in reported: [String: Double]) -> Double? {
        if let value = reported[code] { return value }
        let parts = codelist[code].map { $0.isGroup ? $0.memberIDs : children[code] ?? [] } ?? []
        var sum: Double?
        for part in parts {
            if let value = resolve(part, in: reported) { sum = (sum ?? 0) + value }
        }
        return sum
    }

    /// The total over the whole dimension: the resolved roots, summed. Codes outside the codelist
    /// (none pass validation) are added as they are.
    public func total(of reported: [String: Double]) -> Double? {
        var sum: Double?
        for root in roots { if let value = resolve(root, in: reported) { sum = (sum ?? 0) + value } }
        for (code, value) in reported where codelist[code] == nil { sum = (sum ?? 0) + value }
        return sum
    }

    /// Whether `codes` mix levels: a group code, or a code together with one of its ancestors.
    /// Only such dimensions need the careful resolution; the rest can be summed as they are.
    public func mixesLevels(_ codes: Set<String>) -> Bool {
        codes.contains { code in
            codelist[code]?.isGroup == true || codelist.ancestors(of: code).contains(where: codes.contains)
        }
    }

    /// The codes to show on an axis for the codes present: each present code and its ancestors
    /// below the root (the subtotals), parents before their children, in codelist order; depth
    /// counts the shown ancestors.
    public func axis(for present: Set<String>) -> [TableResult.AxisItem] {
        var shown = Set<String>()
        for code in present where codelist[code] != nil {
            shown.insert(code)
            let ancestors = codelist.ancestors(of: code)
            for ancestor in ancestors.dropLast() { shown.insert(ancestor) }  // the last is the root
        }
        var items: [TableResult.AxisItem] = []
        func visit(_ code: String, depth: Int) {
            let included = shown.contains(code)
            if included { items.append(.init(code: code, depth: depth)) }
            for child in children[code] ?? [] { visit(child, depth: included ? depth + 1 : depth) }
        }
        for root in roots { visit(root, depth: 0) }
        let placed = Set(items.map(\.code))
        let rest = present.subtracting(placed).sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }
        return items + rest.map { .init(code: $0, depth: 0) }
    }

    /// Codes in codelist order (unknown codes last, alphabetically).
    public func ordered(_ codes: [String]) -> [String] {
        codes.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }
    }

    /// The codes whose observations a filter on `code` needs: itself, its descendants, and for a
    /// group its members and theirs.
    public func expand(_ code: String) -> [String] {
        guard let found = codelist[code] else { return [code] }
        let below = found.isGroup ? found.memberIDs.flatMap(expand) : codelist.descendants(of: code)
        return [code] + below
    }

    /// The code itself and every code above it in the tree (not groups), nearest first.
    public func selfAndAncestors(_ code: String) -> [String] {
        [code] + codelist.ancestors(of: code)
    }

    /// Of `axisCodes`, those that contain `code`: itself, its ancestors, and groups holding it or
    /// one of its ancestors.
    public func containing(_ code: String, among axisCodes: Set<String>) -> [String] {
        let up = selfAndAncestors(code)
        var result = up.filter(axisCodes.contains)
        for candidate in axisCodes where codelist[candidate]?.isGroup == true {
            if codelist[candidate]!.memberIDs.contains(where: { member in up.contains(member) }) { result.append(candidate) }
        }
        return result
    }
}
