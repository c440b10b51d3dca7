import IMDMSCore

/// Numbers on pages: `1,234,567` (the domain's `NumberText.grouped`).
enum NumberFormat {
    static func grouped(_ value: Double) -> String { NumberText.grouped(value) }
}
