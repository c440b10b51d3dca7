import FluentKit
import Foundation

/// A file exactly as received, kept once per checksum.
final class SourceFileModel: Model, @unchecked Sendable {
    static let schema = "source_files"
    @ID(custom: "sha256", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "byte_count") var byteCount: Int
    @Field(key: "content") var content: Data
    @Field(key: "created_at") var createdAt: Date

    init() {}
    init(sha256: String, name: String, content: Data) {
        self.id = sha256
        self.name = name
        self.byteCount = content.count
        self.content = content
        self.createdAt = Date()
    }
}
