/// Writes a data message in the format asked for.
public enum SDMXDataWriter {
    public static func write(_ message: SDMXDataMessage, as format: SDMXFormat) -> String {
        switch format {
        case .genericData21: SDMXMLDataWriter.generic(message)
        case .structureSpecificData21: SDMXMLDataWriter.structureSpecific(message)
        case .csv10: SDMXCSVWriter.write(message, version: 1)
        case .csv20: SDMXCSVWriter.write(message, version: 2)
        case .json10: SDMXJSONDataWriter.write(message, version: 1)
        case .json20: SDMXJSONDataWriter.write(message, version: 2)
        case .structure21: SDMXMLDataWriter.generic(message)
        }
    }

    /// Whether a message in `format` can be written in parts as its observations are read:
    /// SDMX-CSV and SDMX-ML can; SDMX-JSON lists the codes present before it can write a key.
    public static func streams(_ format: SDMXFormat) -> Bool {
        switch format {
        case .json10, .json20: false
        case .genericData21, .structure21, .structureSpecificData21, .csv10, .csv20: true
        }
    }

    /// What comes before the first series (nil: the format is written whole).
    public static func head(_ message: SDMXDataMessage, as format: SDMXFormat) -> String? {
        switch format {
        case .genericData21, .structure21: SDMXMLDataWriter.genericHead(message)
        case .structureSpecificData21: SDMXMLDataWriter.structureSpecificHead(message)
        case .csv10: SDMXCSVWriter.head(message, version: 1)
        case .csv20: SDMXCSVWriter.head(message, version: 2)
        case .json10, .json20: nil
        }
    }

    /// One part's series, between `head` and `tail`, as UTF-8 bytes.
    public static func body(_ message: SDMXDataMessage, as format: SDMXFormat) -> [UInt8] {
        switch format {
        case .genericData21, .structure21: SDMXMLDataWriter.genericBody(message).bytes
        case .structureSpecificData21: SDMXMLDataWriter.structureSpecificBody(message).bytes
        case .csv10: SDMXCSVWriter.body(message, version: 1).bytes
        case .csv20: SDMXCSVWriter.body(message, version: 2).bytes
        case .json10, .json20: Array(write(message, as: format).utf8)
        }
    }

    public static func tail(as format: SDMXFormat) -> String {
        switch format {
        case .genericData21, .structure21: SDMXMLDataWriter.genericTail
        case .structureSpecificData21: SDMXMLDataWriter.structureSpecificTail
        case .csv10, .csv20, .json10, .json20: ""
        }
    }
}
