/// What a user needs to know to trust and cite a dataset.
public struct DatasetMetadata: Hashable, Sendable, Codable {
    public var description: String
    public var source: String
    public var contact: String
    public var methodology: String

    public init(description: String, source: String, contact: String, methodology: String) {
        self.description = description
        self.source = source
        self.contact = contact
        self.methodology = methodology
    }
}
