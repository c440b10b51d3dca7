import Foundation

/// The reports, indicators and page template IMDMS offers: the shipped files, each replaced by a
/// file of the same name in the installation's `reports/` folder (administrators edit copies
/// there; new `*.json` reports there are added). Every file is checked against the reference
/// configuration when loaded, and a bad one is refused naming the file and the field.
public struct ReportLibrary: Sendable {
    public var reports: [ReportDefinition]
    public var indicators: [String: IndicatorDefinition]
    public var template: MustacheTemplate
    /// The home page's key figures, chart and map: a report like the others, not listed among them.
    public var dashboard: ReportDefinition
    /// The country's districts for `districts` maps: Lesotho's shipped boundaries, or a country
    /// folder's `districts.geojson` (features with a `code` property); nil: no such maps.
    public var districts: GeoShapes?

    public static let shipped = ["quarterly-bulletin.json", "festive-border.json", "trafficking.json", "labour-profile.json"]

    public func report(_ id: String) -> ReportDefinition? { reports.first { $0.id == id } }

    /// `overrides`: the installation's folder (nil: none). `country`: the `reports/` folder of a
    /// country's configuration (D67); nil: the shipped files, which are Lesotho's. A country's
    /// folder brings its own reports, indicators and dashboard; what it lacks is none (no reports,
    /// no indicators, an empty dashboard), except the page template, which is the product's.
    public static func load(overrides: String?, country: String? = nil, reference: ReferenceConfiguration) throws(ReportError) -> ReportLibrary {
        func file(_ folder: String?, _ name: String) -> String? {
            guard let folder else { return nil }
            let path = (folder as NSString).appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        func read(_ name: String) throws(ReportError) -> Data? {
            if let path = file(overrides, name) ?? file(country, name) {
                do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw ReportError(file: path, reason: error.localizedDescription) }
            }
            guard country == nil || name == "report.html" else { return nil }
            let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
            guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "reports"),
                  let data = try? Data(contentsOf: url) else { throw ReportError(file: name, reason: "not found") }
            return data
        }
        func decode<T: Decodable>(_ type: T.Type, _ name: String, otherwise: String) throws(ReportError) -> T {
            do { return try JSONDecoder().decode(type, from: try read(name) ?? Data(otherwise.utf8)) } catch let error as ReportError { throw error } catch {
                throw ReportError(file: name, reason: DecodingProblem.explain(error))
            }
        }
        var names = country == nil ? shipped : Self.reportFiles(in: country)
        names += Self.reportFiles(in: overrides).filter { !names.contains($0) }
        let indicators = try decode([IndicatorDefinition].self, "indicators.json", otherwise: "[]")
        let library = ReportLibrary(
            reports: try names.map { (name: String) throws(ReportError) -> ReportDefinition in try decode(ReportDefinition.self, name, otherwise: "") },
            indicators: Dictionary(indicators.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last }),
            template: try { () throws(ReportError) -> MustacheTemplate in
                let text = String(decoding: try read("report.html") ?? Data(), as: UTF8.self)
                do { return try MustacheTemplate(text, name: "report.html") } catch { throw ReportError(file: "report.html", reason: "\(error)") }
            }(),
            dashboard: try decode(ReportDefinition.self, "dashboard.json", otherwise: Self.emptyDashboard),
            districts: try districts(country: country))
        try library.check(against: reference)
        return library
    }

    /// Lesotho's districts without a country folder; else the folder's `districts.geojson` beside
    /// its `reports/`, if there is one.
    static func districts(country: String?) throws(ReportError) -> GeoShapes? {
        guard let country else {
            do { return try GeoShapes.lesothoDistricts() } catch { throw ReportError(file: "lesotho-districts.geojson", reason: "\(error)") }
        }
        let path = ((country as NSString).deletingLastPathComponent as NSString).appendingPathComponent("districts.geojson")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let shapes: GeoShapes
        do { shapes = try GeoShapes(geoJSON: Data(contentsOf: URL(fileURLWithPath: path)), codeProperty: "code", credit: "") } catch {
            throw ReportError(file: path, reason: "\(error)")
        }
        // Every map says whose boundaries it draws (their licence usually requires it).
        guard !shapes.credit.isEmpty else {
            throw ReportError(file: path, reason: "the file has no \"credit\" (a top-level text naming the boundaries' source, drawn on every map)")
        }
        return shapes
    }

    /// A dashboard without sections: the home page then shows the catalogue alone.
    static let emptyDashboard = #"{"id": "dashboard", "title": "", "description": "", "frequency": "A", "sections": []}"#

    /// The report definitions in a folder: its `*.json` but the indicators and the dashboard.
    static func reportFiles(in folder: String?) -> [String] {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { $0.hasSuffix(".json") && $0 != "indicators.json" && $0 != "dashboard.json" }.sorted()
    }

    /// The shipped report files (Lesotho's), for `imdms config export` to copy beside the configuration.
    public static func shippedFiles() -> [URL] {
        (shipped + ["indicators.json", "dashboard.json"]).compactMap {
            Bundle.module.url(forResource: ($0 as NSString).deletingPathExtension, withExtension: "json", subdirectory: "reports")
        }
    }

    /// Every dataset, dimension, code and indicator a report names must exist.
    public func check(against reference: ReferenceConfiguration) throws(ReportError) {
        var problems: [String] = []
        func dims(_ datasetID: String, _ where_: String) -> DataStructure? {
            guard let s = reference.structure(datasetID) else { problems.append("\(where_): there is no dataset '\(datasetID)'"); return nil }
            return s
        }
        func checkDimension(_ s: DataStructure, _ id: String?, _ where_: String) {
            guard let id, id != TableRequest.timeDimension else { return }
            if s.position(of: id) == nil { problems.append("\(where_): \(s.id) has no dimension '\(id)'") }
        }
        func checkFilters(_ s: DataStructure, _ filters: [String: [String]]?, _ where_: String) {
            for (dimension, codes) in filters ?? [:] {
                guard let d = s.dimensions.first(where: { $0.id == dimension }) else { problems.append("\(where_): \(s.id) has no dimension '\(dimension)'"); continue }
                for code in codes where reference.codelistsByID[d.codelistID]?.contains(code) != true {
                    problems.append("\(where_): '\(code)' is not a code of \(d.codelistID)")
                }
            }
        }
        for indicator in indicators.values {
            if let s = dims(indicator.dataset, "indicator \(indicator.id)") {
                checkFilters(s, indicator.a, "indicator \(indicator.id)"); checkFilters(s, indicator.b, "indicator \(indicator.id)")
            }
        }
        for report in reports + [dashboard] {
            for (index, section) in report.sections.enumerated() {
                let place = "report \(report.id), section \(index + 1)"
                guard let s = dims(section.dataset, place) else { continue }
                for (name, fact) in section.facts ?? [:] {
                    checkFilters(s, fact.filters, "\(place), fact \(name)")
                    checkDimension(s, fact.top, "\(place), fact \(name)")
                    if let id = fact.indicator, indicators[id] == nil { problems.append("\(place), fact \(name): there is no indicator '\(id)'") }
                }
                for table in section.tables ?? [] { checkDimension(s, table.rows, place); checkDimension(s, table.cols, place); checkFilters(s, table.filters, place) }
                for chart in section.charts ?? [] { checkDimension(s, chart.rows, place); checkDimension(s, chart.cols, place); checkFilters(s, chart.filters, place) }
                for map in section.maps ?? [] {
                    checkDimension(s, map.dimension, place); checkFilters(s, map.filters, place)
                    if map.kind == .districts, districts == nil { problems.append("\(place): a districts map needs the country's districts.geojson") }
                }
                if let mirror = section.mirror {
                    for side in [mirror.ours, mirror.theirs] {
                        guard let d = side.dataset.map({ dims($0, "\(place), mirror") }) ?? s else { continue }
                        checkFilters(d, side.filters, "\(place), mirror")
                    }
                    if mirror.theirs.dataset == nil { problems.append("\(place), mirror: the partner's side names no dataset") }
                }
                if let narrative = section.narrative {
                    do { _ = try MustacheTemplate(narrative, name: "\(place) narrative") } catch { problems.append(error.description) }
                }
            }
        }
        if !problems.isEmpty { throw ReportError(file: "reports", reason: problems.joined(separator: "; ")) }
    }
}

/// A report file that cannot be used.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
    public var description: String { "\(file): \(reason)" }
}
