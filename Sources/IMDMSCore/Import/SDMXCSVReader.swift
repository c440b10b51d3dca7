import Foundation

/// Reads an SDMX-CSV 1.0 file for one dataset: `DATAFLOW`, one column per dimension,
/// `TIME_PERIOD`, `OBS_VALUE`, optional `OBS_STATUS` and `CONF_STATUS`, in any column order.
/// Every problem is reported, never only the first; a file with any problem yields no observations.
public struct SDMXCSVReader: Sendable {
    public let structure: DataStructure
    public let codelists: [String: Codelist]
    public let agencyID: String

    public init(structure: DataStructure, codelists: [String: Codelist], agencyID: String) {
        self.structure = structure
        self.codelists = codelists
        self.agencyID = agencyID
    }

    public func read(_ data: Data) -> ImportOutcome {
        let bytes = [UInt8](data)
        let records: [CSVRecord]
        do {
            records = try CSVReader.detecting(in: bytes).records(in: bytes)
        } catch {
            return .invalid([ImportProblem(.unreadableFile, row: error.line, message: error.reason)])
        }
        guard let header = records.first, !header.isBlank else {
            return .invalid([ImportProblem(.emptyFile, message: "the file has no header line")])
        }
        let layout: SDMXCSVLayout
        switch SDMXCSVLayout.make(header: header.fields, structure: structure) {
        case let .success(found): layout = found
        case let .failure(problems): return .invalid(problems.list)
        }
        var problems: [ImportProblem] = []
        var observations: [Observation] = []
        var firstRowOfKey: [String: Int] = [:]
        let expectedFlows = acceptedDataflowValues
        for record in records.dropFirst() where !record.isBlank {
            let rowCheck = SDMXCSVRow(record: record, layout: layout, reader: self, expectedDataflows: expectedFlows)
            switch rowCheck.observation() {
            case let .success(observation):
                let identity = observation.seriesKey + "|" + observation.period.formatted
                if let first = firstRowOfKey[identity] {
                    problems.append(ImportProblem(
                        .duplicateKey, row: record.line, column: DataStructure.timeDimensionID,
                        value: identity.replacingOccurrences(of: "|", with: " "),
                        message: "the same key and period are already on row \(first)"
                    ))
                } else {
                    firstRowOfKey[identity] = record.line
                    observations.append(observation)
                }
            case let .failure(found):
                problems.append(contentsOf: found.list)
            }
        }
        if problems.isEmpty && observations.isEmpty {
            problems.append(ImportProblem(.emptyFile, message: "the file has a header but no observations"))
        }
        return problems.isEmpty ? .valid(observations) : .invalid(problems)
    }

    /// `LS_BOS:BORDER_CROSSINGS(1.0)`, `LS_BOS:BORDER_CROSSINGS` and `BORDER_CROSSINGS` all name the dataset.
    var acceptedDataflowValues: Set<String> {
        [
            "\(agencyID):\(structure.id)(\(structure.version))",
            "\(agencyID):\(structure.id)",
            structure.id,
        ]
    }
}

/// A list of problems that can travel in a `Result`.
public struct ImportProblems: Error, Sendable {
    public var list: [ImportProblem]
    public init(_ list: [ImportProblem]) { self.list = list }
}
