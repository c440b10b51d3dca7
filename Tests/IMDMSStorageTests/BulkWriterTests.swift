import IMDMSTestSupport
import SQLKit
import Testing

@testable import IMDMSStorage

/// Bulk writes keep every text as it was given: on PostgreSQL COPY's text format escapes
/// backslashes, tabs and line ends (a Windows line end inside a value, "\r\n", is one Swift
/// `Character` and once slipped through unescaped), and `\N` written by a user is not NULL.
@Suite("Bulk writes keep every text as given")
struct BulkWriterTests {
    static let texts = ["plain", "two\r\nlines", "one\nline", "lone\rreturn", "tab\there", "back\\slash", "\\N", "Mohale’s Hoek é👍🏽\r\n", "\t\\\r\n", ""]

    @Test("Line ends, tabs, backslashes and `\\N` read back equal; NULL stays NULL", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await store.sql.raw("CREATE TABLE bulk_texts (position INTEGER NOT NULL, text TEXT)").run()
            let rows: [[BulkWriter.Value]] = Self.texts.enumerated().map { [.integer($0.offset), .text($0.element)] } + [[.integer(Self.texts.count), .null]]
            try await BulkWriter(database: store.database).insert(into: "bulk_texts", columns: ["position", "text"], rows: rows)
            struct Row: Decodable { var position: Int; var text: String? }
            let read = try await store.sql.raw("SELECT position, text FROM bulk_texts ORDER BY position").all(decoding: Row.self)
            #expect(read.map(\.text) == Self.texts.map(Optional.some) + [nil])
        }
    }
}
