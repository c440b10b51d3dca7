/// Why a file cannot be read as a workbook, in words a producer understands.
public enum WorkbookError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAWorkbook(String)
    case legacyXLS
    case encrypted
    case tooLarge(part: String, limit: UInt64)
    case suspiciousCompression(part: String)
    case unsafeXML(part: String, reason: String)
    case missingPart(String)
    case malformed(part: String, reason: String)
    case noSuchSheet(String, available: [String])

    public var description: String {
        switch self {
        case let .notAWorkbook(detail):
            "This file is not an Excel workbook (.xlsx): \(detail)"
        case .legacyXLS:
            "This is an old Excel 97–2003 workbook (.xls). Open it in Excel or LibreOffice and save it as .xlsx, then upload that."
        case .encrypted:
            "This workbook is protected by a password. Remove the password in Excel (File › Info › Protect Workbook) and upload it again."
        case let .tooLarge(part, limit):
            "The workbook is too large to read safely: \(part) would unpack to more than \(limit / 1_048_576) MB."
        case let .suspiciousCompression(part):
            "The workbook is compressed far more than any real workbook (\(part)); it was refused as a possible zip bomb."
        case let .unsafeXML(part, reason):
            "The workbook contains XML that is not allowed (\(part)): \(reason)."
        case let .missingPart(part):
            "The workbook is damaged: \(part) is missing. Open and save it again in Excel."
        case let .malformed(part, reason):
            "The workbook is damaged (\(part)): \(reason). Open and save it again in Excel."
        case let .noSuchSheet(name, available):
            "The workbook has no sheet '\(name)'; its sheets are \(available.map { "'\($0)'" }.joined(separator: ", "))."
        }
    }
}
