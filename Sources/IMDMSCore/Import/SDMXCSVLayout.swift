/// Where each SDMX-CSV column sits in a file's header.
/// SDMX-CSV 1.0 names the dataflow in `DATAFLOW`; 2.0 in `STRUCTURE_ID`, after `STRUCTURE`
/// (which must say `dataflow`) and an optional `ACTION` (`D`, delete, is refused).
struct SDMXCSVLayout: Sendable {
    var dataflow: Int
    var structureKind: Int?
    var action: Int?
    var dimensions: [Int]
    var timePeriod: Int
    var value: Int
    var status: Int?
    var confidentiality: Int?
    var columnCount: Int
    var names: [String]

    static func make(header: [String], structure: DataStructure) -> Result<SDMXCSVLayout, ImportProblems> {
        // SDMX-CSV headers may carry labels: `SEX: Sex`; the id is before the colon.
        let names = header.map { field -> String in
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            return String(trimmed.split(separator: ":", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        }
        var position: [String: Int] = [:]
        var problems: [ImportProblem] = []
        for (index, name) in names.enumerated() {
            if position[name] != nil {
                problems.append(ImportProblem(.unexpectedColumn, row: 1, column: name, message: "the column appears twice"))
            }
            position[name] = index
        }
        func required(_ id: String) -> Int {
            if let index = position[id] { return index }
            problems.append(ImportProblem(.missingColumn, row: 1, column: id, message: "the header has no \(id) column"))
            return -1
        }
        let isVersion2 = position["DATAFLOW"] == nil && position["STRUCTURE_ID"] != nil
        let dataflow = required(isVersion2 ? "STRUCTURE_ID" : "DATAFLOW")
        let version2Columns = isVersion2 ? ["STRUCTURE", "STRUCTURE_ID", "ACTION"] : []
        let dimensions = structure.dimensions.map { required($0.id) }
        let time = required(DataStructure.timeDimensionID)
        let value = required(structure.measure.id)
        let known = Set(["DATAFLOW"] + version2Columns + [DataStructure.timeDimensionID, structure.measure.id] + DataStructure.attributeIDs + structure.dimensions.map(\.id))
        for (index, name) in names.enumerated() where !known.contains(name) {
            problems.append(ImportProblem(
                .unexpectedColumn, row: 1, column: name.isEmpty ? "#\(index + 1)" : name,
                message: "not part of dataset \(structure.id); expected DATAFLOW, \(structure.dimensions.map(\.id).joined(separator: ", ")), TIME_PERIOD, OBS_VALUE and optionally OBS_STATUS, CONF_STATUS"
            ))
        }
        guard problems.isEmpty else { return .failure(ImportProblems(problems)) }
        return .success(SDMXCSVLayout(
            dataflow: dataflow, structureKind: isVersion2 ? position["STRUCTURE"] : nil, action: isVersion2 ? position["ACTION"] : nil,
            dimensions: dimensions, timePeriod: time, value: value,
            status: position["OBS_STATUS"], confidentiality: position["CONF_STATUS"],
            columnCount: header.count, names: names
        ))
    }
}

import Foundation
