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
}
