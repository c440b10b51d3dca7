/// One dimension of a data structure, bound to a codelist: `BORDER_POST` → `CL_BORDER_POST`.
public struct DataDimension: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var codelistID: String

    public init(id: String, name: String, codelistID: String) {
        self.id = id
        self.name = name
        self.codelistID = codelistID
    }
}
