/// The allowed codes of a dimension, with a single-parent hierarchy and optional group codes.
///
/// The hierarchy lets data reported at different levels live together: one producer reports
/// citizenship by country (`ZAF`, `ZWE`), another only `LSO` / `FOREIGN`; both are children of
/// `WORLD`, so a query can roll the detail up without counting anything twice.
public struct Codelist: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    public private(set) var codes: [Code]
    private var indexByID: [String: Int]

    public init(id: String, name: String, description: String = "", codes: [Code]) throws(CodelistError) {
        self.id = id
        self.name = name
        self.description = description
        self.codes = codes
        var index: [String: Int] = [:]
        for (position, code) in codes.enumerated() {
            guard index[code.id] == nil else { throw .duplicateCode(codelist: id, code: code.id) }
            index[code.id] = position
        }
        self.indexByID = index
        try validateHierarchy()
    }

    private enum CodingKeys: String, CodingKey { case id, name, description, codes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: c.decode(String.self, forKey: .id),
            name: c.decode(String.self, forKey: .name),
            description: c.decodeIfPresent(String.self, forKey: .description) ?? "",
            codes: c.decode([Code].self, forKey: .codes)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(codes, forKey: .codes)
    }

    public subscript(id: String) -> Code? {
        indexByID[id].map { codes[$0] }
    }

    public func contains(_ id: String) -> Bool { indexByID[id] != nil }

    // MARK: Hierarchy

    /// Every parent must exist, every group member must exist, and no code may be its own ancestor.
    private func validateHierarchy() throws(CodelistError) {
        for code in codes {
            if let parent = code.parentID, indexByID[parent] == nil {
                throw .unknownParent(codelist: id, code: code.id, parent: parent)
            }
            for member in code.memberIDs where indexByID[member] == nil {
                throw .unknownMember(codelist: id, group: code.id, member: member)
            }
            var seen: Set<String> = [code.id]
            var current = code.parentID
            while let parent = current {
                guard seen.insert(parent).inserted else { throw .cycle(codelist: id, code: code.id) }
                current = self[parent]?.parentID
            }
        }
    }

    /// Parent, grandparent, … up to the root, nearest first.
    public func ancestors(of id: String) -> [String] {
        var result: [String] = []
        var current = self[id]?.parentID
        while let parent = current {
            result.append(parent)
            current = self[parent]?.parentID
        }
        return result
    }

    /// The direct children of a code in the parent hierarchy, in codelist order.
    public func children(of id: String) -> [String] {
        codes.filter { $0.parentID == id }.map(\.id)
    }

    /// All codes below `id` in the parent hierarchy, depth first, in codelist order.
    public func descendants(of id: String) -> [String] {
        children(of: id).flatMap { [$0] + descendants(of: $0) }
    }

    /// Whether `ancestor` is `code` itself or above it in the hierarchy.
    public func isSelfOrAncestor(_ ancestor: String, of code: String) -> Bool {
        ancestor == code || ancestors(of: code).contains(ancestor)
    }

    /// The codes without children: the most detailed level.
    public var leaves: [Code] {
        let parents = Set(codes.compactMap(\.parentID))
        return codes.filter { !parents.contains($0.id) && !$0.isGroup }
    }

    /// The leaf codes a code stands for: itself if a leaf, its leaf descendants, or a group's members' leaves.
    public func leaves(of id: String) -> [String] {
        guard let code = self[id] else { return [] }
        if code.isGroup { return code.memberIDs.flatMap { leaves(of: $0) } }
        let below = descendants(of: id)
        if below.isEmpty { return [id] }
        let parents = Set(codes.compactMap(\.parentID))
        return below.filter { !parents.contains($0) }
    }

    /// The codes at the top of the hierarchy.
    public var roots: [Code] { codes.filter { $0.parentID == nil && !$0.isGroup } }
}
