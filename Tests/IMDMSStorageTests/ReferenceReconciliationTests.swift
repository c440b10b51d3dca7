import Foundation
import IMDMSCore
import IMDMSStorage
import IMDMSTestSupport
import SQLKit
import Testing

@Suite("A configuration given to a database that already holds one (D67)")
struct ReferenceReconciliationTests {
    static let lesothoSeed = TemplateSeed("lesotho reference") { store in try await ReferenceRepository(store: store).seedIfEmpty(Fixtures.lesotho) }

    static func replacing(_ list: String, in config: ReferenceConfiguration, codes: ([Code]) -> [Code]) throws -> ReferenceConfiguration {
        var config = config
        let index = try #require(config.codelists.firstIndex { $0.id == list })
        let old = config.codelists[index]
        config.codelists[index] = try Codelist(id: old.id, name: old.name, description: old.description, codes: codes(old.codes))
        return config
    }

    static func auditActions(_ store: Store) async throws -> [String] {
        try await store.sql.raw("SELECT action FROM audit_log ORDER BY sequence").all().map { try $0.decode(column: "action", as: String.self) }
    }

    @Test("Another country's configuration is refused by name, and nothing is stored", arguments: TestBackend.available)
    func otherCountry(backend: TestBackend) async throws {
        try await backend.withStore(seed: Self.lesothoSeed) { store in
            let southAfrica = try ConfigurationFolder.read(try Fixtures.southAfricaFolder)
            let error = await #expect(throws: ConfigurationError.self) { try await ReferenceRepository(store: store).seedIfEmpty(southAfrica) }
            #expect(error?.problems == ["the database holds the statistics of Lesotho (agency LS_BOS); the configuration is for South Africa "
                + "(agency ZA_STATSSA): start with another data folder or database"])
            #expect(try await ReferenceRepository(store: store).load() == Fixtures.lesotho.sortedForStorage)
        }
    }

    @Test("New codes, codelists and datasets are added and audited; nothing stored changes", arguments: TestBackend.available)
    func additions(backend: TestBackend) async throws {
        try await backend.withStore(seed: Self.lesothoSeed) { store in
            var config = try Self.replacing("CL_BORDER_POST", in: Fixtures.lesotho) { codes in
                codes + [Code(id: "NEW", name: "A new border post", parentID: "_T", aliases: ["New post"])]
            }
            var arrivals = try ConfigurationFolder.read(try Fixtures.southAfricaFolder).structure("ARRIVALS")!
            arrivals.organisationID = "MOHA"
            config.codelists.append(try Codelist(id: "CL_TRAVELLER", name: "Type of traveller", codes: [Code(id: "_T", name: "All"), Code(id: "RES", name: "Residents", parentID: "_T"), Code(id: "VIS", name: "Visitors", parentID: "_T")]))
            arrivals.dimensions = arrivals.dimensions.filter { $0.id != "SEX" }
            config.structures.append(arrivals)
            #expect(try await ReferenceRepository(store: store).seedIfEmpty(config) == false)
            let loaded = try await ReferenceRepository(store: store).load()
            #expect(loaded == config.sortedForStorage)
            #expect(loaded.codelistsByID["CL_BORDER_POST"]?.codes.last?.aliases == ["New post"])
            #expect(try await Self.auditActions(store).last == "reference.extend")
            // Given again, nothing more is added.
            let entries = try await Self.auditActions(store).count
            #expect(try await ReferenceRepository(store: store).seedIfEmpty(config) == false)
            #expect(try await Self.auditActions(store).count == entries)
        }
    }

    @Test("A dropped code and a dataset edited in place are both named, and nothing is added", arguments: TestBackend.available)
    func editsInPlace(backend: TestBackend) async throws {
        try await backend.withStore(seed: Self.lesothoSeed) { store in
            var config = try Self.replacing("CL_SEX", in: Fixtures.lesotho) { codes in codes.filter { $0.id != "_U" } }
            let index = try #require(config.structures.firstIndex { $0.id == "BORDER_CROSSINGS" })
            config.structures[index].dimensions.removeLast()
            config.organisations.append(Organisation(id: "NEW", name: "A new producer", kind: .producer))
            let error = await #expect(throws: ConfigurationError.self) { try await ReferenceRepository(store: store).seedIfEmpty(config) }
            #expect(error?.problems.count == 2)
            #expect(error?.problems.first == "codelist CL_SEX: _U stored but not in the configuration; a code is never removed, as data may use it")
            #expect(error?.problems.last?.hasPrefix("dataset BORDER_CROSSINGS: its dimensions, frequency or measure differ from the stored structure (version 1.0)") == true)
            #expect(try await ReferenceRepository(store: store).load() == Fixtures.lesotho.sortedForStorage)
        }
    }
}

extension ReferenceConfiguration {
    /// As `ReferenceRepository.load` gives it back: organisations, codelists and datasets by id.
    var sortedForStorage: ReferenceConfiguration {
        var copy = self
        copy.organisations.sort { $0.id < $1.id }
        copy.codelists.sort { $0.id < $1.id }
        copy.structures.sort { $0.id < $1.id }
        return copy
    }
}
