/// One thing wrong with an incoming file, named precisely enough for a producer to fix it.
public struct ImportProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable {
        case unreadableFile = "unreadable file"
        case missingColumn = "missing column"
        case unexpectedColumn = "unexpected column"
        case wrongDataset = "wrong dataset"
        case wrongFieldCount = "wrong number of fields"
        case unknownCode = "unknown code"
        case badPeriod = "bad period"
        case notANumber = "not a number"
        case missingValue = "missing value"
        case negativeCount = "negative count"
        case fractionalCount = "fractional count"
        case badStatus = "bad status"
        case duplicateKey = "duplicate key"
        case emptyFile = "empty file"
        case totalMismatch = "total does not add up"
        case conflict = "conflict with stored data"
        // Warnings: shown, never blocking.
        case unusualChange = "unusual change"
        case suddenZero = "sudden zero"
    }

    /// Warnings are shown with the preview but do not block storing.
    public var isWarning: Bool { kind == .unusualChange || kind == .suddenZero }

    public var kind: Kind
    /// The sheet, for workbooks; `nil` for CSV.
    public var sheet: String?
    /// 1-based line or row; `nil` when the problem is the whole file.
    public var row: Int?
    public var column: String?
    public var value: String?
    public var message: String

    /// The longest value a problem quotes whole.
    public static let maxQuoted = 120

    public init(_ kind: Kind, sheet: String? = nil, row: Int? = nil, column: String? = nil, value: String? = nil, message: String) {
        self.kind = kind
        self.sheet = sheet
        self.row = row
        self.column = column
        // A problem quotes what it found, but never a whole damaged field of a megabyte.
        self.value = value.map { $0.count > Self.maxQuoted ? String($0.prefix(Self.maxQuoted)) + "… (\($0.count) characters)" : $0 }
        self.message = message
    }

    public var description: String {
        var place: [String] = []
        if let sheet { place.append("sheet '\(sheet)'") }
        if let row { place.append("row \(row)") }
        if let column { place.append("column \(column)") }
        if let value { place.append("value '\(value)'") }
        let location = place.isEmpty ? "file" : place.joined(separator: ", ")
        return "\(location): \(kind.rawValue) — \(message)"
    }
}
