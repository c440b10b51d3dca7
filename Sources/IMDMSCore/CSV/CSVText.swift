/// Writing CSV: a field quoted only when it holds a comma, quote or line break (RFC 4180).
public enum CSVText {
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A field of a CSV meant for spreadsheets (table and report downloads): text that a
    /// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return first) gets a
    /// leading `'`, so a code name or a title cannot become `=HYPERLINK(…)`; numbers stay numbers.
    public static func cell(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first), Double(text) == nil else { return field(text) }
        return field("'" + text)
    }
}
