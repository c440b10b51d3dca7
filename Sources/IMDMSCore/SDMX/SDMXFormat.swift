import Foundation

/// The message formats IMDMS writes, with the media types of the SDMX REST standards, and the
/// choice of one from an `Accept` header or a `format` parameter.
public enum SDMXFormat: String, Sendable, CaseIterable {
    case structure21
    case genericData21
    case structureSpecificData21
    case csv10
    case csv20
    case json10
    case json20

    /// Which SDMX REST API a request came through: 2.1 (`/sdmx/2.1/`) or 2.x (`/sdmx/v2/`).
    public enum API: Sendable { case v21, v2 }

    public var mediaType: String {
        switch self {
        case .structure21: "application/vnd.sdmx.structure+xml; version=2.1"
        case .genericData21: "application/vnd.sdmx.genericdata+xml; version=2.1"
        case .structureSpecificData21: "application/vnd.sdmx.structurespecificdata+xml; version=2.1"
        case .csv10: "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8"
        case .csv20: "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8"
        case .json10: "application/vnd.sdmx.data+json; version=1.0.0; charset=utf-8"
        case .json20: "application/vnd.sdmx.data+json; version=2.0.0; charset=utf-8"
        }
    }

    public var isXML: Bool { [.structure21, .genericData21, .structureSpecificData21].contains(self) }
    public var isJSON: Bool { self == .json10 || self == .json20 }

    /// The data format asked for: the `format` parameter wins over `Accept`; no preference gives
    /// GenericData for 2.1 and SDMX-JSON 2.0 for 2.x.
    public static func data(accept: String?, format: String?, api: API) throws(SDMXError) -> SDMXFormat {
        let defaultCSV: SDMXFormat = api == .v21 ? .csv10 : .csv20
        let defaultJSON: SDMXFormat = api == .v21 ? .json10 : .json20
        if let format, !format.isEmpty {
            switch format.lowercased() {
            case "genericdata", "generic", "xml", "sdmx-ml": return .genericData21
            case "structurespecificdata", "structurespecific": return .structureSpecificData21
            case "csv", "sdmx-csv", "csvfile": return defaultCSV
            case "jsondata", "json", "sdmx-json": return defaultJSON
            default: throw .notAcceptable("format=\(format) is not offered; use genericdata, structurespecificdata, csv or jsondata")
            }
        }
        return try negotiate(accept: accept, what: "data") { type, version in
            switch type {
            case "application/vnd.sdmx.genericdata+xml": return version == nil || version == "2.1" ? .genericData21 : nil
            case "application/vnd.sdmx.structurespecificdata+xml": return version == nil || version == "2.1" ? .structureSpecificData21 : nil
            case "application/vnd.sdmx.data+csv":
                return switch version { case nil: defaultCSV; case "1.0.0", "1.0": .csv10; case "2.0.0", "2.0": .csv20; default: nil }
            case "application/vnd.sdmx.data+json":
                return switch version { case nil: defaultJSON; case "1.0.0", "1.0": .json10; case "2.0.0", "2.0": .json20; default: nil }
            case "text/csv": return defaultCSV
            case "application/json": return defaultJSON
            case "application/xml", "text/xml": return .genericData21
            case "*/*", "application/*": return api == .v21 ? .genericData21 : .json20
            default: return nil
            }
        } ?? (api == .v21 ? .genericData21 : .json20)
    }

    /// Structures are written as SDMX-ML 2.1 structure messages.
    public static func structure(accept: String?, format: String?) throws(SDMXError) -> SDMXFormat {
        if let format, !format.isEmpty {
            guard ["structure", "xml", "sdmx-ml"].contains(format.lowercased()) else {
                throw .notAcceptable("format=\(format) is not offered for structures; use structure (SDMX-ML 2.1)")
            }
            return .structure21
        }
        return try negotiate(accept: accept, what: "structures") { type, version in
            switch type {
            case "application/vnd.sdmx.structure+xml": version == nil || version == "2.1" ? .structure21 : nil
            case "application/xml", "text/xml", "*/*", "application/*": .structure21
            default: nil
            }
        } ?? .structure21
    }

    /// The first acceptable entry by quality; nil when there is no `Accept` header; 406 when no
    /// entry is offered.
    private static func negotiate(
        accept: String?, what: String, _ match: (String, String?) -> SDMXFormat?
    ) throws(SDMXError) -> SDMXFormat? {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        var entries: [(type: String, version: String?, quality: Double, order: Int)] = []
        for (order, part) in accept.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let type = pieces.first?.lowercased(), !type.isEmpty else { continue }
            var version: String?, quality = 1.0
            for parameter in pieces.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                switch pair[0].lowercased() {
                case "version": version = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                case "q": quality = Double(pair[1]) ?? 0
                default: break
                }
            }
            if quality > 0 { entries.append((type, version, quality, order)) }
        }
        for entry in entries.sorted(by: { ($0.quality, -$0.order) > ($1.quality, -$1.order) }) {
            if let format = match(entry.type, entry.version) { return format }
        }
        throw .notAcceptable("None of the media types in Accept: \(accept) is offered for \(what). Offered: "
            + (what == "structures" ? SDMXFormat.structure21.mediaType
               : [SDMXFormat.genericData21, .structureSpecificData21, .csv10, .csv20, .json10, .json20].map(\.mediaType).joined(separator: ", ")))
    }
}
