/// One record of a CSV file with the line it starts on (1-based, counting the header).
public struct CSVRecord: Hashable, Sendable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    /// Whether every field is empty (a blank line or a row of separators).
    public var isBlank: Bool { fields.allSatisfy { $0.trimmedSpaces.isEmpty } }
}

import Foundation
