import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import Testing

/// Unknown values in an extract are reported like the ministry intake's: once per text, with a
/// count, the first rows and the nearest code — never once per row, never an identity value.
@Suite("Traveller records: unknown values grouped, with a suggestion")
struct MovementProblemTests {
    static let header = "crossing_time,port_of_entry,direction,document_type,document_number,surname,given_names,sex,date_of_birth,nationality,country_of_residence,purpose"

    static func extract(rows: Int) -> Data {
        var lines = [header]
        for index in 0..<rows {
            let post = index % 2 == 0 ? "Maseru Brige" : "Maseru Bridge"
            lines.append("2021-01-01T10:\(String(format: "%02d", index % 60)),\(post),OUT,Passport,RA\(100_000 + index),Secret\(index),Name,F,1990-01-01,LSO,LSO,Work")
        }
        lines.append("2021-01-02T09:08,Atlantis Gate,OUT,Passport,RA1,Banda,Chipo,M,1982-01-16,LSO,LSO,Business")
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    @Test("400 rows with a misspelt post give one line with the count, the first rows and the nearest post", arguments: TestBackend.available)
    func grouped(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await ReferenceRepository(store: store).seedIfEmpty(Fixtures.lesotho)
            let reference = try await ReferenceRepository(store: store).load()
            let service = MovementService(store: store, reference: reference, pseudonymiser: try Pseudonymiser(key: MovementTests.key))
            let summary = try await service.importFile(Self.extract(rows: 800), fileName: "x.csv", actor: "test")
            #expect(summary.added == 0 && summary.problems.count == 2, "\(summary.problems.map(\.description))")
            let misspelt = try #require(summary.problems.first)
            #expect(misspelt.value == "Maseru Brige" && misspelt.row == 2)
            #expect(misspelt.message.contains("400 rows (first 2, 4, 6)"), "\(misspelt.message)")
            #expect(misspelt.message.contains("did you mean Maseru Bridge (MSB)?"), "\(misspelt.message)")
            #expect(summary.problems.last?.message.contains("row 802") == true && summary.problems.last?.value == "Atlantis Gate")
            let text = summary.problems.map(\.description).joined(separator: "\n")
            #expect(!text.contains("RA1") && !text.contains("Secret") && !text.contains("Banda"), "identity values are never quoted")
            #expect(try await MovementRepository(store: store).count() == 0, "nothing stored")
        }
    }
}
