/// SDMX-CSV 1.0 (`DATAFLOW` first) and 2.0 (`STRUCTURE`, `STRUCTURE_ID`, `ACTION` first): one
/// row per observation, a withheld or missing value empty; series keys only for
/// `detail=serieskeysonly|nodata`.
enum SDMXCSVWriter {
    static func write(_ message: SDMXDataMessage, version: Int) -> String {
        head(message, version: version) + body(message, version: version).string
    }

    static func head(_ message: SDMXDataMessage, version: Int) -> String {
        let s = message.structure
        var header = version == 1 ? ["DATAFLOW"] : ["STRUCTURE", "STRUCTURE_ID", "ACTION"]
        header += s.dimensions.map(\.id)
        if message.sendsObservations { header += [DataStructure.timeDimensionID, s.measure.id] }
        if message.sendsAttributes { header += DataStructure.attributeIDs }
        return header.joined(separator: ",") + "\r\n"
    }

    /// The rows of `message` (a whole message's or one part's of a streamed one).
    static func body(_ message: SDMXDataMessage, version: Int) -> TextBytes {
        let lead = version == 1 ? [message.dataflowReference] : ["dataflow", message.dataflowReference, "I"]
        var out = TextBytes(capacity: message.observationCount * 72)
        var fields: [String: String] = [:], periods: [Period: String] = [:]
        for series in message.series {
            var keyText = ""
            for part in lead + series.key {
                if !keyText.isEmpty { keyText += "," }
                if let known = fields[part] { keyText += known } else {
                    let field = CSVText.field(part)
                    fields[part] = field
                    keyText += field
                }
            }
            let keyFields = Array(keyText.utf8)
            guard message.sendsObservations else {
                out += keyFields
                out += "\r\n"
                continue
            }
            for o in series.observations {
                out += keyFields
                out += ","
                if let known = periods[o.period] { out += known } else {
                    let text = o.period.formatted
                    periods[o.period] = text
                    out += text
                }
                out += ","
                if let value = o.value { out += NumberText.plain(value) }
                if message.sendsAttributes {
                    out += ","
                    out += o.status.rawValue
                    out += ","
                    out += o.confidentiality.rawValue
                }
                out += "\r\n"
            }
        }
        return out
    }
}
