import Foundation

/// A file as it arrives: recognised as a workbook, SDMX-CSV or another CSV, and turned into grids.
public struct IncomingFile: Sendable {
    public enum Kind: String, Sendable, Codable {
        case workbook = "XLSX workbook"
        case sdmxCSV = "SDMX-CSV"
        case csv = "CSV"
    }

    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    /// What the bytes are (not what the name says): a zip or OLE container is a workbook
    /// (refused later with a reason if old or encrypted); text whose header starts with
    /// `DATAFLOW` (SDMX-CSV 1.0) or `STRUCTURE` (2.0) is SDMX-CSV.
    public var kind: Kind {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: XLSXPackage.zipMagic) || head.starts(with: XLSXPackage.oleMagic) { return .workbook }
        let text = TextDecoder.decode([UInt8](data.prefix(64))).text
        let first = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" || $0 == "|" || $0.isNewline }).first
        let name = first.map { String($0.split(separator: ":").first ?? "").trimmingCharacters(in: .whitespaces).uppercased() }
        return name == "DATAFLOW" || name == "STRUCTURE" ? .sdmxCSV : .csv
    }

    /// The file's sheets as grids; a CSV file is one grid named after the file. `progress` hears
    /// (sheet, rows read so far) every `XLSXWorkbook.progressInterval` rows.
    public func grids(limits: XLSXLimits = .standard, progress: (@Sendable (String, Int) -> Void)? = nil) throws -> [Grid] {
        switch kind {
        case .workbook:
            return try XLSXWorkbook(data: data, limits: limits).grids(progress: progress)
        case .csv, .sdmxCSV:
            let bytes = Array(TextDecoder.decode([UInt8](data)).text.utf8)
            let records = try CSVReader.detecting(in: bytes).records(in: bytes)
            let width = records.first?.fields.count ?? 0
            if let ragged = records.first(where: { $0.fields.count != width && !$0.isBlank }) {
                throw CSVError(line: ragged.line, reason: "\(ragged.fields.count) fields where the header has \(width); check for a stray separator or quote")
            }
            return [Grid.csv(name: name, records: records)]
        }
    }
}
