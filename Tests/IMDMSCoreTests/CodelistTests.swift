import IMDMSCore
import Testing

@Suite("Codelists and hierarchies")
struct CodelistTests {
    static func area() throws -> Codelist {
        try Codelist(id: "CL_T", name: "Test", codes: [
            Code(id: "WORLD", name: "World"),
            Code(id: "LSO", name: "Lesotho", parentID: "WORLD", aliases: ["Basotho"]),
            Code(id: "FOREIGN", name: "Foreign", parentID: "WORLD", aliases: ["Foreigners"]),
            Code(id: "ZAF", name: "South Africa", parentID: "FOREIGN", aliases: ["RSA", "S.A."]),
            Code(id: "ZWE", name: "Zimbabwe", parentID: "FOREIGN"),
            Code(id: "SADC", name: "SADC", memberIDs: ["LSO", "ZAF", "ZWE"]),
        ])
    }

    @Test("Walks the hierarchy up and down")
    func hierarchy() throws {
        let list = try Self.area()
        #expect(list.ancestors(of: "ZAF") == ["FOREIGN", "WORLD"])
        #expect(list.ancestors(of: "WORLD").isEmpty)
        #expect(list.children(of: "WORLD") == ["LSO", "FOREIGN"])
        #expect(list.descendants(of: "WORLD") == ["LSO", "FOREIGN", "ZAF", "ZWE"])
        #expect(list.leaves(of: "WORLD") == ["LSO", "ZAF", "ZWE"])
        #expect(list.leaves(of: "ZAF") == ["ZAF"])
        #expect(list.leaves.map(\.id) == ["LSO", "ZAF", "ZWE"])
        #expect(list.roots.map(\.id) == ["WORLD"])
        #expect(list.isSelfOrAncestor("FOREIGN", of: "ZWE"))
        #expect(!list.isSelfOrAncestor("LSO", of: "ZWE"))
        #expect(list.leaves(of: "NOPE").isEmpty)
    }

    @Test("A group stands for its members' leaves without joining the hierarchy")
    func groups() throws {
        let list = try Self.area()
        #expect(list["SADC"]?.isGroup == true)
        #expect(list.leaves(of: "SADC") == ["LSO", "ZAF", "ZWE"])
        #expect(!list.children(of: "WORLD").contains("SADC"))
    }

    @Test("Refuses duplicates, unknown parents and members, and cycles")
    func invalid() {
        #expect(throws: CodelistError.duplicateCode(codelist: "X", code: "A")) {
            try Codelist(id: "X", name: "X", codes: [Code(id: "A", name: "a"), Code(id: "A", name: "b")])
        }
        #expect(throws: CodelistError.unknownParent(codelist: "X", code: "A", parent: "Z")) {
            try Codelist(id: "X", name: "X", codes: [Code(id: "A", name: "a", parentID: "Z")])
        }
        #expect(throws: CodelistError.unknownMember(codelist: "X", group: "G", member: "Q")) {
            try Codelist(id: "X", name: "X", codes: [Code(id: "G", name: "g", memberIDs: ["Q"])])
        }
        #expect(throws: CodelistError.cycle(codelist: "X", code: "A")) {
            try Codelist(id: "X", name: "X", codes: [Code(id: "A", name: "a", parentID: "B"), Code(id: "B", name: "b", parentID: "A")])
        }
        #expect(throws: CodelistError.cycle(codelist: "X", code: "A")) {
            try Codelist(id: "X", name: "X", codes: [Code(id: "A", name: "a", parentID: "A")])
        }
    }

    @Test("Matches codes, names and aliases ignoring case, spacing and punctuation")
    func matching() throws {
        let matcher = CodeMatcher(codelist: try Self.area())
        #expect(matcher.match("ZAF") == "ZAF")
        #expect(matcher.match("south africa") == "ZAF")
        #expect(matcher.match("  South   Africa ") == "ZAF")
        #expect(matcher.match("rsa") == "ZAF")
        #expect(matcher.match("S.A.") == "ZAF")
        #expect(matcher.match("SA") == "ZAF")
        #expect(matcher.match("basotho") == "LSO")
        #expect(matcher.match("Narnia") == nil)
    }

    @Test("A text claimed by two codes matches neither")
    func ambiguity() throws {
        let list = try Codelist(id: "X", name: "X", codes: [
            Code(id: "A", name: "Alpha", aliases: ["Shared"]), Code(id: "B", name: "Beta", aliases: ["Shared"]),
        ])
        let matcher = CodeMatcher(codelist: list)
        #expect(matcher.match("shared") == nil)
        #expect(matcher.match("alpha") == "A")
    }

    @Test("Codelists survive a JSON round trip and are validated when decoded")
    func codable() throws {
        let list = try Self.area()
        let decoded = try JSONDecoder().decode(Codelist.self, from: try JSONEncoder().encode(list))
        #expect(decoded == list)
        let bad = Data(#"{"id":"X","name":"X","codes":[{"id":"A","name":"a","parentID":"Z","aliases":[],"memberIDs":[]}]}"#.utf8)
        #expect(throws: CodelistError.self) { try JSONDecoder().decode(Codelist.self, from: bad) }
    }
}

import Foundation
