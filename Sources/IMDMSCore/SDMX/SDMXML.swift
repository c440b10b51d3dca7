import Foundation

/// SDMX-ML 2.1 namespaces and the small text helpers every SDMX-ML writer shares.
public enum SDMXML {
    public static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    public static let messageNS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
    public static let commonNS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"
    public static let structureNS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure"
    public static let genericNS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic"
    public static let structureSpecificNS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific"
    public static let xsiNS = "http://www.w3.org/2001/XMLSchema-instance"

    /// Text and attribute values: `&`, `<`, `>`, quotes escaped, forbidden control characters dropped.
    public static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// `2026-11-29T09:43:55Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The message header shared by structure and data messages (`mes` prefix).
    static func header(id: String, prepared: Date, sender: String, extra: String = "") -> String {
        "<mes:Header><mes:ID>\(escape(id))</mes:ID><mes:Test>false</mes:Test><mes:Prepared>\(timestamp(prepared))</mes:Prepared>"
            + "<mes:Sender id=\"\(escape(sender))\"/>\(extra)</mes:Header>"
    }
}

/// JSON text pieces for the hand-written SDMX-JSON writers (streams of millions of values are
/// cheaper to write than to build as dictionaries).
public enum JSONText {
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20: out += String(format: "\\u%04x", s.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return NumberText.plain(value)
    }
}
