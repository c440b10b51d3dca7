import Foundation
import IMDMSCore
import IMDMSTestSupport
import Testing

@Suite("A country's configuration as files")
struct ConfigurationFolderTests {
    static func copy(_ folder: URL) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("imdms-config-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder, to: copy)
        return copy
    }

    @Test("Lesotho's shipped folder reads back as it was written, and written again gives the same configuration")
    func roundTrip() throws {
        let lesotho = try ReferenceConfiguration.lesotho()
        #expect(lesotho.agencyID == "LS_BOS" && lesotho.homeCountryCode == "LSO")
        #expect(lesotho.structures.count >= 10 && lesotho.codelistsByID["CL_AREA"]?.contains("ZAF") == true)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imdms-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ConfigurationFolder.write(lesotho, to: folder)
        let read = try ConfigurationFolder.read(folder)
        // Datasets are read in the order of their files' names; the database keeps them by id anyway.
        #expect(read.organisations == lesotho.organisations && read.codelists == lesotho.codelists)
        #expect(read.structures == lesotho.structures.sorted { $0.id < $1.id })
    }

    @Test("The test country's folder, written by hand, reads")
    func southAfrica() throws {
        let config = try ConfigurationFolder.read(try Fixtures.southAfricaFolder)
        #expect(config.agencyID == "ZA_STATSSA" && config.countryName == "South Africa")
        #expect(config.structures.map(\.id) == ["ARRIVALS", "LSO_DEPARTURES"])
        #expect(config.structure("ARRIVALS")?.frequency == .monthly && config.structure("ARRIVALS")?.version == "1.0")
        #expect(config.codelistsByID["CL_AREA"]?.children(of: "FOREIGN").contains("LSO") == true)
    }

    @Test("A damaged folder names every problem at once, each with its file")
    func everyProblem() throws {
        let folder = try Self.copy(try Fixtures.southAfricaFolder)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ text: String, _ name: String) throws { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        try write("id,name,kind\nSTATSSA,Statistics South Africa,nso\nDHA,Home Affairs,ministry\n", "organisations.csv")
        try write("code,name,parent,aliases,members\n_T,Total,,,\nF,Female,_T,,\nF,Female again,_T,,\nM,Male,X,,\n", "codelists/CL_SEX.csv")
        try write("code,name\nA,A\n", "codelists/CL_STRAY.csv")
        var dataset = try String(contentsOf: folder.appendingPathComponent("datasets/ARRIVALS.json"), encoding: .utf8)
        dataset = dataset.replacingOccurrences(of: "\"disclosureThreshold\"", with: "\"disclosureTreshold\"")
            .replacingOccurrences(of: "\"CL_TRAVELLER\"", with: "\"CL_TRAVELER\"")
        try write(dataset, "datasets/ARRIVALS.json")
        try write("{\"id\": \"OTHER\", \"name\": \"x\"}", "datasets/DEPARTURES.json")
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationFolder.read(folder) }
        let text = error.description
        for expected in [
            "organisations.csv, line 3: kind 'ministry' of DHA is neither 'nso' nor 'producer'",
            "codelists/CL_SEX.csv: codelist CL_SEX: code 'F' appears twice",
            "codelists/CL_STRAY.csv: not listed in codelists.csv",
            "datasets/ARRIVALS.json: unknown field 'disclosureTreshold'",
            "datasets/ARRIVALS.json: dimension TRAVELLER uses codelist CL_TRAVELER, which is not in codelists.csv",
            "datasets/DEPARTURES.json: missing field 'organisation'",
        ] {
            #expect(text.contains(expected), "\(expected) in \(text)")
        }
        // What failed above is named where it is used.
        #expect(text.contains("datasets/ARRIVALS.json: organisation DHA has problems (organisations.csv)"))
        #expect(text.contains("datasets/ARRIVALS.json: dimension SEX uses codelist CL_SEX, which has problems (codelists/CL_SEX.csv)"))
        #expect(text.contains("datasets/LSO_DEPARTURES.json: organisation LSBOS is not in organisations.csv"))
        #expect(error.problems.count == 9, "\(error.problems)")
    }

    @Test("A missing folder or country file is a problem named, not a crash")
    func missing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imdms-none-\(UUID().uuidString)")
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationFolder.read(folder) }
        #expect(error.problems.contains("country.json: cannot be read (no such file)"))
        #expect(error.problems.contains { $0.hasPrefix("organisations.csv: cannot be read") })
    }
}
