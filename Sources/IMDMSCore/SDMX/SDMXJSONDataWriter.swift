/// SDMX-JSON data messages, 1.0 (`header`, `dataSets`, `structure`) and 2.0 (`meta`,
/// `data.structures`, `data.dataSets`). Dimension values list only the codes present; each
/// observation is `[value, OBS_STATUS index, CONF_STATUS index]`, a withheld value `null`.
enum SDMXJSONDataWriter {
    static let schema20 = "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/v2.0.0/data-message/tools/schemas/2.0.0/sdmx-json-data-schema.json"

    /// Messages of at least `parallelAbove` observations are written on two cores.
    static func write(_ message: SDMXDataMessage, version: Int, parallelAbove: Int = 20_000) -> String {
        let s = message.structure
        let flat = message.isFlat && message.sendsObservations
        // The codes present per dimension, in codelist order, and the periods present.
        var present: [Set<String>] = Array(repeating: [], count: s.dimensions.count)
        var periods: Set<Period> = []
        // Series come in key order, so a dimension's code mostly repeats the last one: compared,
        // not hashed again (a month of border crossings is 44,800 series).
        var lastCodes = Array(repeating: "", count: s.dimensions.count)
        var lastPeriod: Period?
        for series in message.series {
            for (i, code) in series.key.enumerated() where code != lastCodes[i] {
                present[i].insert(code)
                lastCodes[i] = code
            }
            if message.sendsObservations {
                for o in series.observations where o.period != lastPeriod {
                    periods.insert(o.period)
                    lastPeriod = o.period
                }
            }
        }
        var dimensionValues: [[String]] = []
        var dimensionIndex: [[String: Int]] = []
        for (i, dimension) in s.dimensions.enumerated() {
            let ordered = message.codelists[dimension.codelistID]?.codes.map(\.id).filter { present[i].contains($0) } ?? present[i].sorted()
            let extra = present[i].subtracting(ordered).sorted()
            let all = ordered + extra
            dimensionValues.append(all)
            dimensionIndex.append(Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, $0) }))
        }
        let sortedPeriods = periods.sorted()
        let periodIndex = Dictionary(uniqueKeysWithValues: sortedPeriods.enumerated().map { ($1, $0) })
        let statuses = ObservationStatus.allCases, confidentiality = ConfidentialityStatus.allCases
        let statusIndex = Dictionary(uniqueKeysWithValues: statuses.enumerated().map { ($1, $0) })
        let confIndex = Dictionary(uniqueKeysWithValues: confidentiality.enumerated().map { ($1, $0) })

        // Indices as text once: a month of border crossings is 44,800 series of one observation.
        let codeText = dimensionIndex.map { $0.mapValues(String.init) }
        let periodText = periodIndex.mapValues { "\"\($0)\"" }
        let statusText = statusIndex.mapValues(String.init), confText = confIndex.mapValues(String.init)
        let sendsAttributes = message.sendsAttributes, sendsObservations = message.sendsObservations
        @Sendable func append(_ o: Observation, to out: inout String) {
            out += "["
            out += JSONText.number(o.value)
            if sendsAttributes {
                out += ","
                out += statusText[o.status]!
                out += ","
                out += confText[o.confidentiality]!
            }
            out += "]"
        }
        // The key's index text per dimension, looked up only when the code differs from the last
        // series' (one cache per half written).
        @Sendable func key(_ series: SDMXDataMessage.Series, _ last: inout [(code: String, text: String)]) -> String {
            var key = ""
            for (i, code) in series.key.enumerated() {
                if i > 0 { key += ":" }
                if last[i].code != code || last[i].text.isEmpty { last[i] = (code, codeText[i][code]!) }
                key += last[i].text
            }
            return key
        }
        // The entries of some series, comma-separated (keys are digits and colons: quoted as they are).
        @Sendable func entries(_ part: ArraySlice<SDMXDataMessage.Series>) -> String {
            var out = ""
            var first = true
            var last = Array(repeating: (code: "", text: ""), count: s.dimensions.count)
            for series in part {
                if flat {
                    let seriesKey = key(series, &last)
                    for o in series.observations {
                        if !first { out += "," }
                        first = false
                        out += "\""
                        out += seriesKey
                        out += ":"
                        out += periodText[o.period]!.dropFirst()
                        out += ":"
                        append(o, to: &out)
                    }
                    continue
                }
                if !first { out += "," }
                first = false
                out += "\""
                out += key(series, &last)
                out += "\":{\"attributes\":[]"
                if sendsObservations {
                    out += ",\"observations\":{"
                    for (index, o) in series.observations.enumerated() {
                        if index > 0 { out += "," }
                        out += periodText[o.period]!
                        out += ":"
                        append(o, to: &out)
                    }
                    out += "}"
                }
                out += "}"
            }
            return out
        }
        // A large message's series are written in two halves on two cores, then joined.
        let all = message.series
        let halves = message.observationCount >= parallelAbove && all.count > 1
            ? [all[..<(all.count / 2)], all[(all.count / 2)...]] : [all[...]]
        let written = ParallelMap.map(halves, entries).filter { !$0.isEmpty }
        var dataSet = "{" + (version == 2 ? "\"structure\":0," : "") + "\"action\":\"Information\","
        dataSet += flat ? "\"observations\":{" : "\"series\":{"
        dataSet += written.joined(separator: ",")
        dataSet += "}}"

        func valueList(_ ids: [String], names: (String) -> String) -> String {
            "[" + ids.map { "{\"id\":\(JSONText.string($0)),\"name\":\(JSONText.string(names($0)))}" }.joined(separator: ",") + "]"
        }
        var dimensionEntries: [String] = []
        for (i, dimension) in s.dimensions.enumerated() {
            let list = message.codelists[dimension.codelistID]
            dimensionEntries.append("{\"id\":\(JSONText.string(dimension.id)),\"name\":\(JSONText.string(dimension.name)),\"keyPosition\":\(i),\"values\":"
                + valueList(dimensionValues[i]) { list?[$0]?.name ?? $0 } + "}")
        }
        let timeValues = "[" + sortedPeriods.map {
            "{\"id\":\"\($0.formatted)\",\"name\":\(JSONText.string($0.label)),\"start\":\"\($0.startDate)T00:00:00\",\"end\":\"\($0.endDate)T23:59:59\"}"
        }.joined(separator: ",") + "]"
        let time = "{\"id\":\"\(DataStructure.timeDimensionID)\",\"name\":\"Time period\",\"role\":\"time\",\"keyPosition\":\(s.dimensions.count),\"values\":\(timeValues)}"
        let dimensions = flat
            ? "{\"dataset\":[],\"series\":[],\"observation\":[" + (dimensionEntries + [time]).joined(separator: ",") + "]}"
            : "{\"dataset\":[],\"series\":[" + dimensionEntries.joined(separator: ",") + "],\"observation\":[" + (message.sendsObservations ? time : "") + "]}"
        let observationAttributes = message.sendsAttributes
            ? "{\"id\":\"OBS_STATUS\",\"name\":\"Observation status\",\"values\":" + valueList(statuses.map(\.rawValue)) { ObservationStatus(rawValue: $0)!.name } + "},"
                + "{\"id\":\"CONF_STATUS\",\"name\":\"Confidentiality status\",\"values\":" + valueList(confidentiality.map(\.rawValue)) { ConfidentialityStatus(rawValue: $0)!.name } + "}"
            : ""
        let attributes = "{\"dataSet\":[],\"series\":[],\"observation\":[\(observationAttributes)]}"
        let prepared = SDMXML.timestamp(message.prepared)
        let urn = "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=\(message.dataflowReference)"

        if version == 1 {
            let header = "{\"id\":\(JSONText.string(message.id)),\"test\":false,\"prepared\":\"\(prepared)\",\"sender\":{\"id\":\(JSONText.string(message.agencyID))}}"
            let structure = "{\"links\":[{\"href\":\(JSONText.string(urn)),\"rel\":\"dataflow\"}],\"name\":\(JSONText.string(s.name)),\"dimensions\":\(dimensions),\"attributes\":\(attributes)}"
            return "{\"header\":\(header),\"dataSets\":[\(dataSet)],\"structure\":\(structure)}\n"
        }
        let meta = "{\"schema\":\"\(schema20)\",\"id\":\(JSONText.string(message.id)),\"test\":false,\"prepared\":\"\(prepared)\",\"contentLanguages\":[\"en\"],\"sender\":{\"id\":\(JSONText.string(message.agencyID))}}"
        let measures = "{\"observation\":[{\"id\":\(JSONText.string(s.measure.id)),\"name\":\(JSONText.string(s.measure.name))}]}"
        let structure = "{\"links\":[{\"urn\":\(JSONText.string(urn)),\"rel\":\"dataflow\"}],\"name\":\(JSONText.string(s.name)),\"dimensions\":\(dimensions),\"attributes\":\(attributes),\"measures\":\(measures)}"
        return "{\"meta\":\(meta),\"data\":{\"structures\":[\(structure)],\"dataSets\":[\(dataSet)]}}\n"
    }
}
