/// SDMX-CSV 1.0 (`DATAFLOW` first) and 2.0 (`STRUCTURE`, `STRUCTURE_ID`, `ACTION` first): one
/// row per observation, a withheld or missing value empty; series keys only for
/// `detail=serieskeysonly|nodata`.
enum SDMXCSVWriter {
    static func write(_ message: SDMXDataMessage, version: Int) -> String {
        let s = message.structure
        var header = version == 1 ? ["DATAFLOW"] : ["STRUCTURE", "STRUCTURE_ID", "ACTION"]
        header += s.dimensions.map(\.id)
        if message.sendsObservations { header += [DataStructure.timeDimensionID, s.measure.id] }
        if message.sendsAttributes { header += DataStructure.attributeIDs }
        let lead = version == 1 ? [message.dataflowReference] : ["dataflow", message.dataflowReference, "I"]
        var out = header.joined(separator: ",") + "\r\n"
        for series in message.series {
            let keyFields = (lead + series.key).map(CSVText.field)
            guard message.sendsObservations else {
                out += keyFields.joined(separator: ",") + "\r\n"
                continue
            }
            for o in series.observations {
                var row = keyFields + [o.period.formatted, o.value.map(NumberText.plain) ?? ""]
                if message.sendsAttributes { row += [o.status.rawValue, o.confidentiality.rawValue] }
                out += row.joined(separator: ",") + "\r\n"
            }
        }
        return out
    }
}
