import Foundation
@testable import IMDMSCore
import Testing

@Suite("Logic-less templates, charts and maps, the report library")
struct TemplateAndChartTests {
    @Test("Variables are escaped, triple braces are not; sections repeat lists and hide empty ones")
    func mustache() throws {
        let template = try MustacheTemplate("<h1>{{title}}</h1>{{#rows}}<li>{{name}}: {{{html}}}</li>{{/rows}}{{^rows}}none{{/rows}}{{! note }}{{fact.value}}")
        let out = template.render(["title": "A & <B>", "rows": [["name": "x", "html": "<b>1</b>"], ["name": "y", "html": "2"]], "fact": ["value": "12%"]])
        #expect(out == "<h1>A &amp; &lt;B&gt;</h1><li>x: <b>1</b></li><li>y: 2</li>12%")
        #expect(try MustacheTemplate("{{^rows}}none{{/rows}}").render(["rows": .list([])]) == "none")
    }

    @Test("A broken template is refused naming its line")
    func brokenTemplate() {
        #expect(throws: TemplateError(template: "t", line: 2, reason: "section ‘a’ is never closed")) { try MustacheTemplate("x\n{{#a}}y", name: "t") }
        #expect(throws: TemplateError(template: "t", line: 1, reason: "‘{{/b}}’ closes no open section")) { try MustacheTemplate("{{/b}}", name: "t") }
    }

    static let data = ChartData(title: "Arrivals by port", categories: ["Maseru Bridge", "Maputsoe Bridge"],
                                series: [.init(name: "Arrivals", values: [600, 300])], valueLabel: "Crossings (persons)", categoryLabel: "Port")

    @Test("Charts are accessible SVG: a title, a text alternative naming the largest value, one mark per value")
    func charts() {
        let bar = BarChart(data: Self.data).svg(id: "b")
        #expect(bar.contains("role=\"img\""))
        #expect(bar.contains("<title id=\"b-title\">Arrivals by port</title>"))
        #expect(bar.contains("highest Maseru Bridge (600)"))
        #expect(bar.components(separatedBy: "<rect").count - 1 == 2)
        #expect(bar.contains("Crossings (persons)"))
        let line = LineChart(data: Self.data).svg(id: "l")
        #expect(line.components(separatedBy: "<circle").count - 1 == 2)
        // Axis labels that would overlap are thinned: a year of months shows every other one; eight quarters all.
        func axisLabels(_ categories: [String]) -> Int {
            let svg = LineChart(data: ChartData(title: "t", categories: categories, series: [.init(name: "s", values: categories.map { _ in 1 })],
                                                valueLabel: "v", categoryLabel: "Period")).svg()
            return categories.filter { svg.contains(">\($0)</text>") }.count
        }
        #expect(axisLabels((1...12).map { String(format: "2022-%02d", $0) }) == 6)
        #expect(axisLabels((1...8).map { "202\(2 + ($0 - 1) / 4)-Q\(($0 - 1) % 4 + 1)" }) == 8)
        let pyramid = PopulationPyramid(data: ChartData(title: "P", categories: ["0-14", "15+"], series: [.init(name: "Male", values: [5, 7]), .init(name: "Female", values: [6, 8])],
                                                        valueLabel: "persons", categoryLabel: "Age")).svg()
        #expect(pyramid.contains("Male, 15+: 7"))
        #expect(pyramid.contains("Female, 0-14: 6"))
    }

    @Test("Maps shade each district by its value and credit the boundaries")
    func maps() throws {
        let districts = try GeoShapes.lesothoDistricts()
        #expect(districts.shapes.count == 10)
        let svg = ChoroplethMap(shapes: districts, values: ["LS-A": 120, "LS-B": 40], title: "Permits", valueLabel: "Permits").svg()
        #expect(svg.contains("<title>Maseru: 120</title>"))
        #expect(svg.contains("no data"))
        #expect(svg.contains("© OpenStreetMap contributors, geoBoundaries"))
        #expect(svg.components(separatedBy: "<path").count - 1 == 10)
        #expect(try GeoShapes.worldCountries().shapes.contains { $0.code == "ZAF" })

        // Equal values make one class, not five with the same bounds; a code with no area (an
        // aggregate) does not set the classes.
        let equal = ChoroplethMap(shapes: districts, values: ["LS-A": 7, "LS-B": 7, "_O": 244_500], title: "Permits", valueLabel: "Permits")
        #expect(equal.breaks == [7])
        let legend = equal.svg()
        #expect(legend.contains(">7</text>") && !legend.contains("7–7") && !legend.contains("244.5k"), "\(legend.suffix(900))")
        let spread = ChoroplethMap(shapes: districts, values: ["LS-A": 1, "LS-B": 2, "LS-C": 3, "LS-D": 4, "LS-E": 5, "LS-F": 6], title: "P", valueLabel: "P")
        #expect(spread.breaks.count == 5 && spread.breaks == spread.breaks.sorted() && Set(spread.breaks).count == 5)
    }

    @Test("The shipped reports load and check against the reference; an edited file with a wrong dimension is refused by name")
    func library() throws {
        let reference = try ReferenceConfiguration.lesotho()
        let library = try ReportLibrary.load(overrides: nil, reference: reference)
        #expect(library.reports.map(\.id) == ["quarterly-bulletin", "festive-border", "trafficking", "labour-profile"])
        #expect(library.indicators["NET_MIGRATION"]?.value(a: 10, b: 4) == 6)
        #expect(library.indicators["SHARE_WOMEN_CROSSINGS"]?.value(a: 1, b: 4) == 25)
        let folder = NSTemporaryDirectory() + "imdms-reports-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var edited = library.report("trafficking")!
        edited.sections[0].tables![0].rows = "COLOUR"
        try JSONEncoder().encode(edited).write(to: URL(fileURLWithPath: folder + "/trafficking.json"))
        #expect { try ReportLibrary.load(overrides: folder, reference: reference) } throws: { error in
            "\(error)".contains("report trafficking, section 1: TIP_VICTIMS has no dimension 'COLOUR'")
        }
        try Data("{\"id\": \"x\"}".utf8).write(to: URL(fileURLWithPath: folder + "/trafficking.json"))
        #expect { try ReportLibrary.load(overrides: folder, reference: reference) } throws: { "\($0)".contains("missing field 'title'") }
    }
}
