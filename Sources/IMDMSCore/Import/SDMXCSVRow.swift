/// Checks one data row of an SDMX-CSV file and turns it into an observation.
struct SDMXCSVRow {
    let record: CSVRecord
    let layout: SDMXCSVLayout
    let reader: SDMXCSVReader
    let expectedDataflows: Set<String>

    func observation() -> Result<Observation, ImportProblems> {
        let line = record.line
        guard record.fields.count == layout.columnCount else {
            return .failure(ImportProblems([ImportProblem(
                .wrongFieldCount, row: line,
                message: "\(record.fields.count) fields where the header has \(layout.columnCount)"
            )]))
        }
        var problems: [ImportProblem] = []
        func field(_ index: Int) -> String { record.fields[index].trimmingCharacters(in: .whitespaces) }

        let flow = field(layout.dataflow)
        if !expectedDataflows.contains(flow) {
            problems.append(ImportProblem(.wrongDataset, row: line, column: layout.structureKind == nil ? "DATAFLOW" : "STRUCTURE_ID", value: flow,
                                          message: "this import is for \(reader.structure.id)"))
        }
        if let index = layout.structureKind, field(index).lowercased() != "dataflow" {
            problems.append(ImportProblem(.wrongDataset, row: line, column: "STRUCTURE", value: field(index),
                                          message: "IMDMS takes data by dataflow: STRUCTURE must be dataflow"))
        }
        if let index = layout.action, !["", "I", "A", "R", "M"].contains(field(index).uppercased()) {
            problems.append(ImportProblem(.badStatus, row: line, column: "ACTION", value: field(index),
                                          message: "deletions are not taken from files; expected I, A, R or M"))
        }
        var key: [String] = []
        for (dimension, index) in zip(reader.structure.dimensions, layout.dimensions) {
            let code = field(index)
            key.append(code)
            let list = reader.codelists[dimension.codelistID]
            if list?.contains(code) != true {
                problems.append(ImportProblem(.unknownCode, row: line, column: dimension.id, value: code,
                                              message: "not a code of \(dimension.codelistID)"
                                                + (list.map { " (\($0.name))" } ?? "")))
            }
        }
        var period: Period?
        let periodText = field(layout.timePeriod)
        do {
            let parsed = try Period(parsing: periodText)
            try parsed.check(against: reader.structure.frequency)
            period = parsed
        } catch {
            problems.append(ImportProblem(.badPeriod, row: line, column: DataStructure.timeDimensionID,
                                          value: periodText, message: error.reason))
        }
        var status = ObservationStatus.normal
        if let index = layout.status, !field(index).isEmpty {
            if let parsed = ObservationStatus(rawValue: field(index).uppercased()) {
                status = parsed
            } else {
                problems.append(ImportProblem(.badStatus, row: line, column: "OBS_STATUS", value: field(index),
                                              message: "expected one of A, P, E, Q, M"))
            }
        }
        var confidentiality = ConfidentialityStatus.free
        if let index = layout.confidentiality, !field(index).isEmpty {
            if let parsed = ConfidentialityStatus(rawValue: field(index).uppercased()) {
                confidentiality = parsed
            } else {
                problems.append(ImportProblem(.badStatus, row: line, column: "CONF_STATUS", value: field(index),
                                              message: "expected one of F, C, A, D"))
            }
        }
        let value = checkedValue(field(layout.value), status: status, line: line, problems: &problems)
        guard problems.isEmpty, let period else { return .failure(ImportProblems(problems)) }
        return .success(Observation(key: key, period: period, value: value, status: status, confidentiality: confidentiality))
    }

    private func checkedValue(_ text: String, status: ObservationStatus, line: Int, problems: inout [ImportProblem]) -> Double? {
        let column = reader.structure.measure.id
        if text.isEmpty || text.uppercased() == "NAN" {
            if status == .missing || status == .suppressed { return nil }
            problems.append(ImportProblem(.missingValue, row: line, column: column, value: text,
                                          message: "a value is required unless OBS_STATUS is M (missing) or Q (suppressed)"))
            return nil
        }
        guard let value = NumberParser.sdmxNumber(text) else {
            problems.append(ImportProblem(.notANumber, row: line, column: column, value: text,
                                          message: "write numbers with digits and a '.' decimal point, without thousands separators"))
            return nil
        }
        if reader.structure.measure.isCount {
            if value < 0 {
                problems.append(ImportProblem(.negativeCount, row: line, column: column, value: text,
                                              message: "a count of \(reader.structure.measure.unit == "PS" ? "persons" : "items") cannot be negative"))
            } else if value.rounded() != value {
                problems.append(ImportProblem(.fractionalCount, row: line, column: column, value: text,
                                              message: "a count must be a whole number"))
            }
        }
        return value
    }
}

import Foundation
