/// SDMX-ML 2.1 data messages: GenericData (self-describing) and StructureSpecificData (compact,
/// read against the data structure). Withheld and missing values are written `NaN`.
enum SDMXMLDataWriter {
    static func generic(_ message: SDMXDataMessage) -> String {
        genericHead(message) + genericBody(message).string + genericTail
    }

    static func genericHead(_ message: SDMXDataMessage) -> String {
        SDMXML.declaration
            + "<mes:GenericData xmlns:mes=\"\(SDMXML.messageNS)\" xmlns:generic=\"\(SDMXML.genericNS)\" xmlns:com=\"\(SDMXML.commonNS)\">"
            + SDMXML.header(id: message.id, prepared: message.prepared, sender: message.agencyID, extra: structureHeader(message, namespace: nil))
            + "<mes:DataSet structureRef=\"\(message.messageStructureID)\" action=\"Information\">"
    }

    static let genericTail = "</mes:DataSet></mes:GenericData>\n"

    /// The series of `message` (a whole message's or one part's of a streamed one).
    static func genericBody(_ message: SDMXDataMessage) -> TextBytes {
        let s = message.structure
        // Each code's and period's markup made once (a month is 44,800 series of one observation).
        let dimensionIDs = s.dimensions.map(\.id) + [DataStructure.timeDimensionID]
        var values = Array(repeating: [String: [UInt8]](), count: dimensionIDs.count)
        var periods: [Period: String] = [:]
        // Series come in key order: a position's code mostly repeats the last one, compared rather than hashed.
        var last = Array(repeating: (code: "", text: [UInt8]()), count: dimensionIDs.count)
        var lastPeriod: (period: Period, text: String)?
        var out = TextBytes(capacity: message.observationCount * (message.sendsAttributes ? 560 : 460))
        func value(_ position: Int, _ code: String) -> [UInt8] {
            if last[position].code == code, !last[position].text.isEmpty { return last[position].text }
            let made = values[position][code] ?? Array("<generic:Value id=\"\(dimensionIDs[position])\" value=\"\(SDMXML.escape(code))\"/>".utf8)
            values[position][code] = made
            last[position] = (code, made)
            return made
        }
        func period(_ p: Period) -> String {
            if let lastPeriod, lastPeriod.period == p { return lastPeriod.text }
            let made = periods[p] ?? p.formatted
            periods[p] = made
            lastPeriod = (p, made)
            return made
        }
        func appendBody(_ o: Observation) {
            out += "<generic:ObsValue value=\""
            out += SDMXDataMessage.xmlValue(o.value)
            out += "\"/>"
            if message.sendsAttributes {
                out += "<generic:Attributes><generic:Value id=\"OBS_STATUS\" value=\""
                out += o.status.rawValue
                out += "\"/><generic:Value id=\"CONF_STATUS\" value=\""
                out += o.confidentiality.rawValue
                out += "\"/></generic:Attributes>"
            }
        }
        for series in message.series {
            if message.isFlat && message.sendsObservations {
                for o in series.observations {
                    out += "<generic:Obs><generic:ObsKey>"
                    for (position, code) in o.key.enumerated() { out += value(position, code) }
                    out += value(o.key.count, period(o.period))
                    out += "</generic:ObsKey>"
                    appendBody(o)
                    out += "</generic:Obs>"
                }
                continue
            }
            out += "<generic:Series><generic:SeriesKey>"
            for (position, code) in series.key.enumerated() { out += value(position, code) }
            out += "</generic:SeriesKey>"
            if message.sendsObservations {
                for o in series.observations {
                    out += "<generic:Obs><generic:ObsDimension value=\""
                    out += period(o.period)
                    out += "\"/>"
                    appendBody(o)
                    out += "</generic:Obs>"
                }
            }
            out += "</generic:Series>"
        }
        return out
    }

    static func structureSpecific(_ message: SDMXDataMessage) -> String {
        structureSpecificHead(message) + structureSpecificBody(message).string + structureSpecificTail
    }

    static func structureSpecificHead(_ message: SDMXDataMessage) -> String {
        let level = message.isFlat ? SDMXDataQuery.allDimensions : DataStructure.timeDimensionID
        let namespace = "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=\(message.agencyID):\(message.structureID)(\(message.structure.version)):ObsLevelDim:\(level)"
        return SDMXML.declaration
            + "<mes:StructureSpecificData xmlns:mes=\"\(SDMXML.messageNS)\" xmlns:ss=\"\(SDMXML.structureSpecificNS)\" "
            + "xmlns:com=\"\(SDMXML.commonNS)\" xmlns:xsi=\"\(SDMXML.xsiNS)\" xmlns:ns1=\"\(SDMXML.escape(namespace))\">"
            + SDMXML.header(id: message.id, prepared: message.prepared, sender: message.agencyID, extra: structureHeader(message, namespace: namespace))
            + "<mes:DataSet ss:structureRef=\"\(message.messageStructureID)\" xsi:type=\"ns1:DataSetType\" ss:dataScope=\"DataStructure\" action=\"Information\">"
    }

    static let structureSpecificTail = "</mes:DataSet></mes:StructureSpecificData>\n"

    static func structureSpecificBody(_ message: SDMXDataMessage) -> TextBytes {
        let s = message.structure
        var out = TextBytes(capacity: message.observationCount * 190)
        let dimensionIDs = s.dimensions.map(\.id)
        var attributes = Array(repeating: [String: [UInt8]](), count: dimensionIDs.count)
        var periods: [Period: [UInt8]] = [:]
        var last = Array(repeating: (code: "", text: [UInt8]()), count: dimensionIDs.count)
        func appendKey(_ codes: [String]) {
            for (position, code) in codes.enumerated() {
                if last[position].code == code, !last[position].text.isEmpty { out += last[position].text; continue }
                let made = attributes[position][code] ?? Array(" \(dimensionIDs[position])=\"\(SDMXML.escape(code))\"".utf8)
                attributes[position][code] = made
                last[position] = (code, made)
                out += made
            }
        }
        func appendObservation(_ o: Observation) {
            if let known = periods[o.period] { out += known } else {
                let made = Array(" \(DataStructure.timeDimensionID)=\"\(o.period.formatted)\" \(s.measure.id)=\"".utf8)
                periods[o.period] = made
                out += made
            }
            out += SDMXDataMessage.xmlValue(o.value)
            out += "\""
            if message.sendsAttributes {
                out += " OBS_STATUS=\""
                out += o.status.rawValue
                out += "\" CONF_STATUS=\""
                out += o.confidentiality.rawValue
                out += "\""
            }
        }
        for series in message.series {
            if message.isFlat && message.sendsObservations {
                for o in series.observations {
                    out += "<Obs"
                    appendKey(o.key)
                    appendObservation(o)
                    out += "/>"
                }
                continue
            }
            out += "<Series"
            appendKey(series.key)
            out += ">"
            if message.sendsObservations {
                for o in series.observations {
                    out += "<Obs"
                    appendObservation(o)
                    out += "/>"
                }
            }
            out += "</Series>"
        }
        return out
    }

    private static func structureHeader(_ message: SDMXDataMessage, namespace: String?) -> String {
        let level = message.isFlat ? SDMXDataQuery.allDimensions : DataStructure.timeDimensionID
        let ns = namespace.map { " namespace=\"\(SDMXML.escape($0))\"" } ?? ""
        return "<mes:Structure structureID=\"\(message.messageStructureID)\"\(ns) dimensionAtObservation=\"\(level)\">"
            + "<com:Structure><Ref agencyID=\"\(SDMXML.escape(message.agencyID))\" id=\"\(message.structureID)\" version=\"\(message.structure.version)\"/></com:Structure>"
            + "</mes:Structure>"
    }
}
