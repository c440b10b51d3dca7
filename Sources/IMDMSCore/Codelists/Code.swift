/// One allowed value of a dimension: `F` "Female", `ZAF` "South Africa", `MSB` "Maseru Bridge".
public struct Code: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    /// The parent in the codelist's hierarchy (`ZAF` → `FOREIGN` → `WORLD`); `nil` for a root.
    public var parentID: String?
    /// Other names the code is known by (`RSA`, `S.A.`, `Maseru Brige` once confirmed).
    public var aliases: [String]
    /// For a group code (`SADC`, a UN region): the codes it gathers, outside the parent hierarchy.
    public var memberIDs: [String]

    public init(id: String, name: String, parentID: String? = nil, aliases: [String] = [], memberIDs: [String] = []) {
        self.id = id
        self.name = name
        self.parentID = parentID
        self.aliases = aliases
        self.memberIDs = memberIDs
    }

    /// A group code sums its members; it is never a node of the parent hierarchy's leaves.
    public var isGroup: Bool { !memberIDs.isEmpty }
}
