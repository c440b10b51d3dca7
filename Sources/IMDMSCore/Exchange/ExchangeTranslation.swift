import Foundation

extension ExchangeMapping {
    /// The partner's SDMX-CSV 1.0 message as an SDMX-CSV file of our dataset: codes mapped, the
    /// partner's other dimensions added up. A partner code without a mapping is a problem (all of
    /// them listed, with how many rows each), and then nothing is made.
    public func translate(_ bytes: [UInt8], into structure: DataStructure, agencyID: String) throws(ExchangeError) -> (csv: String, observations: Int) {
        let records: [CSVRecord]
        do { records = try CSVReader(delimiter: UInt8(ascii: ",")).records(in: bytes).filter { !$0.isBlank } } catch {
            throw .unreachable(service: service, reason: "the answer is not SDMX-CSV (\(error.description))")
        }
        guard let header = records.first?.fields, header.first?.uppercased() == "DATAFLOW",
              let time = header.firstIndex(of: "TIME_PERIOD"), let value = header.firstIndex(of: "OBS_VALUE") else {
            throw .unreachable(service: service, reason: "the answer is not SDMX-CSV (no DATAFLOW, TIME_PERIOD and OBS_VALUE columns)")
        }
        var problems: [String] = []
        var columns: [(column: Int, codes: [String: String], from: String)] = []
        for dimension in structure.dimensions {
            guard let mapping = dimensions[dimension.id] else { problems.append("dataset \(structure.id)'s dimension \(dimension.id) has no mapping"); continue }
            guard let column = header.firstIndex(of: mapping.from) else { problems.append("the partner's data has no dimension \(mapping.from)"); continue }
            columns.append((column, mapping.codes, mapping.from))
        }
        guard problems.isEmpty else { throw .mapping(problems) }
        var sums: [[String]: Double] = [:]
        var order: [[String]] = []
        var unmapped: [String: Int] = [:]
        for record in records.dropFirst() {
            let fields = record.fields
            guard fields.count == header.count, let number = Double(fields[value]) else { continue }  // a missing value is no observation
            var key: [String] = []
            for (column, codes, from) in columns {
                let theirs = fields[column]
                guard let ours = codes[theirs] ?? codes["*"] else {
                    unmapped["\(from) \(theirs)", default: 0] += 1
                    continue
                }
                key.append(ours)
            }
            guard key.count == structure.dimensions.count else { continue }
            key.append(fields[time])
            if sums[key] == nil { order.append(key) }
            sums[key, default: 0] += number
        }
        guard unmapped.isEmpty else {
            throw .mapping(unmapped.sorted { $0.key < $1.key }.map { "the partner's \($0.key) (\($0.value) row\($0.value == 1 ? "" : "s")) has no mapping: add it, or \"*\"" })
        }
        let flow = "\(agencyID):\(structure.id)(\(structure.version))"
        var lines = [(["DATAFLOW"] + structure.dimensions.map(\.id) + ["TIME_PERIOD", "OBS_VALUE"]).joined(separator: ",")]
        for key in order {
            lines.append(([flow] + key + [NumberText.plain(sums[key]!)]).map(CSVText.field).joined(separator: ","))
        }
        return (lines.joined(separator: "\n") + "\n", order.count)
    }

    /// The data query: `service/data/dataflow/key?startPeriod=…&updatedAfter=…`, asking for SDMX-CSV.
    public func url(updatedAfter: Date?) -> String {
        var base = service
        while base.hasSuffix("/") { base.removeLast() }
        var parameters = ["format=csv"]
        if let startPeriod { parameters.append("startPeriod=" + startPeriod) }
        if let updatedAfter {
            let formatter = ISO8601DateFormatter()
            parameters.append("updatedAfter=" + formatter.string(from: updatedAfter).replacingOccurrences(of: "+", with: "%2B"))
        }
        return "\(base)/data/\(dataflow)/\(key ?? "all")?" + parameters.joined(separator: "&")
    }
}
