import Foundation

/// Release times as people type and read them: `2026-12-01 10:00` (seconds optional) in the
/// installation's time zone.
struct ReleaseTimeText {
    var timeZone: TimeZone

    private func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = format
        return formatter
    }

    /// nil for an empty text (release at publication); a `WebError` naming the text otherwise.
    func parse(_ text: String?) throws -> Date? {
        let text = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        for format in ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"] {
            if let date = formatter(format).date(from: text) { return date }
        }
        throw WebError.badRequest("Release time ‘\(text)’ is not a date and time such as 2026-12-01 10:00 (\(timeZone.identifier)).")
    }

    func format(_ date: Date) -> String {
        formatter("yyyy-MM-dd HH:mm:ss").string(from: date) + " " + (timeZone.abbreviation(for: date) ?? timeZone.identifier)
    }
}
