import Foundation
import IMDMSCore
import IMDMSTestSupport
import Testing

@Suite("A country's reports")
struct CountryReportsTests {
    static let report = """
        {"id": "districts", "title": "Arrivals by district", "description": "", "frequency": "A",
         "sections": [{"title": "Arrivals", "dataset": "ARRIVALS", "maps": [{"kind": "districts", "title": "Arrivals", "dimension": "RESIDENCE"}]}]}
        """

    @Test("Lesotho's districts are not drawn for another country: a districts map needs the country's own districts.geojson")
    func districts() throws {
        let folder = try ConfigurationFolderTests.copy(try Fixtures.southAfricaFolder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try ConfigurationFolder.read(folder)
        let reports = folder.appendingPathComponent("reports")
        #expect(try ReportLibrary.load(overrides: nil, country: reports.path, reference: reference).districts == nil)
        try Data(Self.report.utf8).write(to: reports.appendingPathComponent("districts.json"))
        #expect { try ReportLibrary.load(overrides: nil, country: reports.path, reference: reference) } throws: { error in
            "\(error)".contains("report districts, section 1: a districts map needs the country's districts.geojson")
        }
        let features = """
            "features": [{"type": "Feature", "properties": {"code": "GP", "name": "Gauteng"},
             "geometry": {"type": "Polygon", "coordinates": [[[27.0, -26.0], [29.0, -26.0], [29.0, -25.0], [27.0, -26.0]]]}}]
            """
        // Without a credit the boundaries cannot be drawn: every map names their source.
        try Data("{\"type\": \"FeatureCollection\", \(features)}".utf8).write(to: folder.appendingPathComponent("districts.geojson"))
        #expect { try ReportLibrary.load(overrides: nil, country: reports.path, reference: reference) } throws: { error in
            "\(error)".contains("districts.geojson") && "\(error)".contains("no \"credit\"")
        }
        try Data("{\"type\": \"FeatureCollection\", \"credit\": \"Municipal Demarcation Board\", \(features)}".utf8)
            .write(to: folder.appendingPathComponent("districts.geojson"))
        let library = try ReportLibrary.load(overrides: nil, country: reports.path, reference: reference)
        #expect(library.districts?.shapes.map(\.code) == ["GP"])
        #expect(library.districts?.credit == "Municipal Demarcation Board")
        #expect(try ReportLibrary.load(overrides: nil, reference: try ReferenceConfiguration.lesotho()).districts?.shapes.count == 10, "Lesotho's ten districts by default")
    }
}
