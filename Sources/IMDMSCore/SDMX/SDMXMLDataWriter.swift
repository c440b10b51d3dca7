/// SDMX-ML 2.1 data messages: GenericData (self-describing) and StructureSpecificData (compact,
/// read against the data structure). Withheld and missing values are written `NaN`.
enum SDMXMLDataWriter {
    static func generic(_ message: SDMXDataMessage) -> String {
        let s = message.structure
        var out = SDMXML.declaration
        out += "<mes:GenericData xmlns:mes=\"\(SDMXML.messageNS)\" xmlns:generic=\"\(SDMXML.genericNS)\" xmlns:com=\"\(SDMXML.commonNS)\">"
        out += SDMXML.header(id: message.id, prepared: message.prepared, sender: message.agencyID, extra: structureHeader(message, namespace: nil))
        out += "<mes:DataSet structureRef=\"\(message.messageStructureID)\" action=\"Information\">"
        let dimensionIDs = s.dimensions.map(\.id)
        func values(_ ids: [String], _ codes: [String]) -> String {
            zip(ids, codes).map { "<generic:Value id=\"\($0)\" value=\"\(SDMXML.escape($1))\"/>" }.joined()
        }
        func observationBody(_ o: Observation) -> String {
            var body = "<generic:ObsValue value=\"\(SDMXDataMessage.xmlValue(o.value))\"/>"
            if message.sendsAttributes {
                body += "<generic:Attributes><generic:Value id=\"OBS_STATUS\" value=\"\(o.status.rawValue)\"/>"
                    + "<generic:Value id=\"CONF_STATUS\" value=\"\(o.confidentiality.rawValue)\"/></generic:Attributes>"
            }
            return body
        }
        for series in message.series {
            if message.isFlat && message.sendsObservations {
                for o in series.observations {
                    out += "<generic:Obs><generic:ObsKey>" + values(dimensionIDs + [DataStructure.timeDimensionID], o.key + [o.period.formatted])
                        + "</generic:ObsKey>" + observationBody(o) + "</generic:Obs>"
                }
                continue
            }
            out += "<generic:Series><generic:SeriesKey>" + values(dimensionIDs, series.key) + "</generic:SeriesKey>"
            if message.sendsObservations {
                for o in series.observations {
                    out += "<generic:Obs><generic:ObsDimension value=\"\(o.period.formatted)\"/>" + observationBody(o) + "</generic:Obs>"
                }
            }
            out += "</generic:Series>"
        }
        out += "</mes:DataSet></mes:GenericData>\n"
        return out
    }

    static func structureSpecific(_ message: SDMXDataMessage) -> String {
        let s = message.structure
        let level = message.isFlat ? SDMXDataQuery.allDimensions : DataStructure.timeDimensionID
        let namespace = "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=\(message.agencyID):\(message.structureID)(\(s.version)):ObsLevelDim:\(level)"
        var out = SDMXML.declaration
        out += "<mes:StructureSpecificData xmlns:mes=\"\(SDMXML.messageNS)\" xmlns:ss=\"\(SDMXML.structureSpecificNS)\" "
            + "xmlns:com=\"\(SDMXML.commonNS)\" xmlns:xsi=\"\(SDMXML.xsiNS)\" xmlns:ns1=\"\(SDMXML.escape(namespace))\">"
        out += SDMXML.header(id: message.id, prepared: message.prepared, sender: message.agencyID, extra: structureHeader(message, namespace: namespace))
        out += "<mes:DataSet ss:structureRef=\"\(message.messageStructureID)\" xsi:type=\"ns1:DataSetType\" ss:dataScope=\"DataStructure\" action=\"Information\">"
        let dimensionIDs = s.dimensions.map(\.id)
        func keyAttributes(_ codes: [String]) -> String {
            zip(dimensionIDs, codes).map { " \($0)=\"\(SDMXML.escape($1))\"" }.joined()
        }
        func observationAttributes(_ o: Observation) -> String {
            var text = " \(DataStructure.timeDimensionID)=\"\(o.period.formatted)\" \(s.measure.id)=\"\(SDMXDataMessage.xmlValue(o.value))\""
            if message.sendsAttributes { text += " OBS_STATUS=\"\(o.status.rawValue)\" CONF_STATUS=\"\(o.confidentiality.rawValue)\"" }
            return text
        }
        for series in message.series {
            if message.isFlat && message.sendsObservations {
                for o in series.observations { out += "<Obs" + keyAttributes(o.key) + observationAttributes(o) + "/>" }
                continue
            }
            out += "<Series" + keyAttributes(series.key) + ">"
            if message.sendsObservations {
                for o in series.observations { out += "<Obs" + observationAttributes(o) + "/>" }
            }
            out += "</Series>"
        }
        out += "</mes:DataSet></mes:StructureSpecificData>\n"
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
