import Foundation

/// The reference files shipped inside the package (copied from `shared/data`).
public enum ReferenceResources {
    public static func data(_ name: String) throws(ReferenceError) -> Data {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "reference") else {
            throw .resource(name: name, reason: "not found in the package resources")
        }
        do { return try Data(contentsOf: url) } catch {
            throw .resource(name: name, reason: error.localizedDescription)
        }
    }

    /// A shipped CSV as records keyed by header name.
    public static func table(_ name: String) throws(ReferenceError) -> [[String: String]] {
        let bytes = [UInt8](try data(name))
        let records: [CSVRecord]
        do { records = try CSVReader(delimiter: UInt8(ascii: ",")).records(in: bytes) } catch {
            throw .resource(name: name, reason: error.description)
        }
        guard let header = records.first?.fields else { return [] }
        return records.dropFirst().filter { !$0.isBlank }.map { record in
            Dictionary(zip(header, record.fields).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Splits a `|`-separated list cell.
    static func list(_ cell: String?) -> [String] {
        (cell ?? "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
