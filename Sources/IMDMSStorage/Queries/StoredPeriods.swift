import IMDMSCore

/// Periods of stored observations, parsed once per distinct text (a few periods, many rows).
struct StoredPeriods {
    let datasetID: String
    private var known: [String: Period] = [:]

    init(datasetID: String) { self.datasetID = datasetID }

    mutating func period(_ text: String) throws -> Period {
        if let period = known[text] { return period }
        guard let parsed = try? Period(parsing: text) else {
            throw StorageError.inconsistentReference("observation of \(datasetID) has an unreadable period '\(text)'")
        }
        known[text] = parsed
        return parsed
    }
}
