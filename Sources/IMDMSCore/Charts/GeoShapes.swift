import Foundation

/// Boundaries from a GeoJSON file (Polygon and MultiPolygon features), keyed by one property:
/// `code` for Lesotho's districts (`LS-A`), `iso_a3` for the world's countries.
public struct GeoShapes: Sendable {
    public struct Shape: Sendable {
        public var code: String
        public var name: String
        /// Rings of (longitude, latitude).
        public var rings: [[(Double, Double)]]
    }

    public var shapes: [Shape]
    /// The credit every map drawn from these boundaries must carry.
    public var credit: String

    /// `credit`: the boundaries' credit, unless the file names its own (a top-level `credit`).
    public init(geoJSON data: Data, codeProperty: String, credit: String) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = root["features"] as? [[String: Any]] else {
            throw CocoaError(.coderReadCorrupt)
        }
        let ownCredit = (root["credit"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines)
        shapes = features.compactMap { feature in
            guard let properties = feature["properties"] as? [String: Any], let code = properties[codeProperty] as? String,
                  let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String else { return nil }
            let name = properties["name"] as? String ?? code
            func ring(_ raw: Any) -> [(Double, Double)] {
                (raw as? [[Double]] ?? (raw as? [[NSNumber]])?.map { $0.map(\.doubleValue) } ?? []).compactMap { $0.count >= 2 ? ($0[0], $0[1]) : nil }
            }
            var rings: [[(Double, Double)]] = []
            if type == "Polygon", let polygon = geometry["coordinates"] as? [Any] { rings = polygon.map(ring) }
            if type == "MultiPolygon", let polygons = geometry["coordinates"] as? [[Any]] { rings = polygons.flatMap { $0.map(ring) } }
            return Shape(code: code, name: name, rings: rings.filter { $0.count > 2 })
        }
        self.credit = ownCredit.flatMap { $0.isEmpty ? nil : $0 } ?? credit
    }

    /// Lesotho's districts, shipped with the reference data (parsed once per process).
    public static func lesothoDistricts() throws -> GeoShapes { try districts.get() }

    /// The world's countries, shipped with the reference data (parsed once per process: every map of
    /// a report drawn after new data used to parse the file again).
    public static func worldCountries() throws -> GeoShapes { try world.get() }

    private static let districts = Result {
        try GeoShapes(geoJSON: try ReferenceResources.data("lesotho-districts.geojson"), codeProperty: "code",
                      credit: "© OpenStreetMap contributors, geoBoundaries")
    }

    private static let world = Result {
        try GeoShapes(geoJSON: try ReferenceResources.data("world-countries.geojson"), codeProperty: "iso_a3",
                      credit: "Boundaries: Natural Earth")
    }
}
